package io.jk8s.api.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.storage.WatchEvent;
import java.util.function.Supplier;

/**
 * A storage change with its objects decoded and encoded at most once, however many watchers
 * receive it. Both objects carry the change's revision as resourceVersion (kube reports a deleted
 * object, or one that left a selector, at the revision of the change). Watchers only read them.
 */
public final class DecodedChange<T extends HasMetadata> {

    private final WatchEvent event;
    private final ResourceStore<T> resources;
    private T current;
    private T previous;
    private EncodedObject currentJson;
    private EncodedObject previousJson;

    public DecodedChange(WatchEvent event, ResourceStore<T> resources) {
        this.event = event;
        this.resources = resources;
    }

    public WatchEvent.Type type() {
        return event.type();
    }

    public long revision() {
        return event.revision();
    }

    public String key() {
        return event.key();
    }

    public boolean hasPrevious() {
        return event.previous() != null;
    }

    /** The object after the change; for a deletion, its last state. */
    public synchronized T current() {
        if (current == null) {
            current = resources.decode(event.current(), event.revision());
        }
        return current;
    }

    public synchronized T previous() {
        if (previous == null && event.previous() != null) {
            previous = resources.decode(event.previous(), event.revision());
        }
        return previous;
    }

    public synchronized EncodedObject currentJson() {
        if (currentJson == null) {
            T object = current();
            currentJson = new EncodedObject(object, () -> resources.json(event.current(), event.revision(), object));
        }
        return currentJson;
    }

    public synchronized EncodedObject previousJson() {
        if (previousJson == null) {
            T object = previous();
            previousJson = new EncodedObject(object, () -> resources.json(event.previous(), event.revision(), object));
        }
        return previousJson;
    }

    /** An object and its JSON (from the stored bytes where possible), computed on first use and then shared. */
    public static final class EncodedObject {

        private final Object object;
        private final Supplier<byte[]> encoder;
        private volatile byte[] json;

        EncodedObject(Object object, Supplier<byte[]> encoder) {
            this.object = object;
            this.encoder = encoder;
        }

        public Object object() {
            return object;
        }

        public byte[] json() {
            byte[] bytes = json;
            if (bytes == null) {
                bytes = encoder.get();
                json = bytes;
            }
            return bytes;
        }
    }
}
