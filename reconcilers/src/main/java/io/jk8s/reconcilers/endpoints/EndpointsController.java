package io.jk8s.reconcilers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.util.Map;
import java.util.Objects;

/** Queues a Service when it changes or when a pod it might select changes. */
public final class EndpointsController {

    private EndpointsController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Service> services, SharedIndexInformer<Pod> pods) {
        WorkQueue queue = new WorkQueue("endpoints");
        services.addEventHandler(Handlers.enqueue(queue));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueueSelecting(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                enqueueSelecting(old);
                enqueueSelecting(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                enqueueSelecting(pod);
            }

            private void enqueueSelecting(Pod pod) {
                Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
                for (Service service : services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace())) {
                    Map<String, String> selector = service.getSpec().getSelector();
                    if (selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet())) {
                        queue.add(Owners.key(service));
                    }
                }
            }
        });
        return new Controller("endpoints", queue,
                new EndpointsReconciler(client, services.getIndexer(), pods.getIndexer(), new EndpointSliceMirror(client)));
    }
}
