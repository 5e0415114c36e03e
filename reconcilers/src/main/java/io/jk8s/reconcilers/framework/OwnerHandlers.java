package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.util.Optional;
import java.util.function.Function;

/**
 * Informer handlers for what a controller owns (pods, ControllerRevisions): a change queues the
 * controlling owner of {@code kind}, before and after the change; an orphan queues every owner
 * whose selector matches it, since any of them may adopt it.
 */
public final class OwnerHandlers {

    private OwnerHandlers() {}

    public static <T extends HasMetadata, O extends HasMetadata> ResourceEventHandler<T> enqueueOwner(String kind,
            Indexer<O> owners, Function<O, LabelSelector> selector, WorkQueue queue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                ownerKey(kind, object).ifPresentOrElse(queue::add, () -> {
                    for (O owner : owners.byIndex(Cache.NAMESPACE_INDEX, object.getMetadata().getNamespace())) {
                        if (LabelSelectors.matches(selector.apply(owner), object.getMetadata().getLabels())) {
                            queue.add(Owners.key(owner));
                        }
                    }
                });
            }

            @Override
            public void onUpdate(T old, T object) {
                ownerKey(kind, old).ifPresent(queue::add);
                onAdd(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                ownerKey(kind, object).ifPresent(queue::add);
            }
        };
    }

    /** The "namespace/name" key of the object's controller when it is a {@code kind}. */
    public static Optional<String> ownerKey(String kind, HasMetadata object) {
        return Owners.controllerOf(object)
                .filter(ref -> kind.equals(ref.getKind()))
                .map(ref -> Owners.key(object.getMetadata().getNamespace(), ref.getName()));
    }
}
