package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** Informer event handlers that most controllers need. */
public final class Handlers {

    private Handlers() {}

    /** Calls {@code action} with the object on every add, update (the new state) and delete. */
    public static <T extends HasMetadata> ResourceEventHandler<T> onChange(Consumer<T> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                action.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                action.accept(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                action.accept(object);
            }
        };
    }

    /** Queues the object's own "namespace/name" key on every change. */
    public static <T extends HasMetadata> ResourceEventHandler<T> enqueue(WorkQueue queue) {
        return onChange(object -> queue.add(Owners.key(object)));
    }
}
