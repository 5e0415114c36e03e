package io.jk8s.reconcilers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.util.List;
import java.util.Map;

/** Wires the garbage collector to the informers of every kind it tracks. */
public final class GarbageCollectorController {

    private GarbageCollectorController() {}

    /** {@code informers} by kind (indexers are added here; a running informer indexes what it holds). */
    public static Controller create(KubernetesClient client, Map<String, SharedIndexInformer<? extends HasMetadata>> informers) {
        WorkQueue queue = new WorkQueue("garbage-collector");
        for (SharedIndexInformer<? extends HasMetadata> informer : informers.values()) {
            register(informer, queue, informers);
        }
        return new Controller("garbage-collector", queue, new GarbageCollector(client, informers));
    }

    private static <T extends HasMetadata> void register(SharedIndexInformer<T> informer, WorkQueue queue,
            Map<String, SharedIndexInformer<? extends HasMetadata>> informers) {
        // a pod informer shared with node agents outlives a controller-manager that stops and leads again: it keeps its indexes
        if (!informer.getIndexer().getIndexers().containsKey(GarbageCollector.UID_INDEX)) {
            informer.addIndexers(Map.of(
                    GarbageCollector.UID_INDEX, o -> List.of(o.getMetadata().getUid()),
                    GarbageCollector.OWNER_UID_INDEX, o -> o.getMetadata().getOwnerReferences() == null ? List.of()
                            : o.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).toList()));
        }
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                queue.add(GarbageCollector.key(object));
            }

            @Override
            public void onUpdate(T old, T object) {
                queue.add(GarbageCollector.key(object));
            }

            @Override
            public void onDelete(T owner, boolean finalStateUnknown) {
                // its dependents may now be orphans
                for (SharedIndexInformer<? extends HasMetadata> other : informers.values()) {
                    other.getIndexer().byIndex(GarbageCollector.OWNER_UID_INDEX, owner.getMetadata().getUid())
                            .forEach(d -> queue.add(GarbageCollector.key(d)));
                }
            }
        });
    }
}
