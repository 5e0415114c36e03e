package io.jk8s.api.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.storage.WatchEvent;
import java.util.function.Supplier;

/**
 * A storage change with its objects decoded and encoded at most once, however many watchers
 * receive it, and only when one needs them: a watch without selectors that writes JSON sends the
 * stored bytes and never decodes. Both objects carry the change's revision as resourceVersion
 * (kube reports a deleted object, or one that left a selector, at the revision of the change).
 * Watchers only read them.
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
            currentJson = new EncodedObject(this::current, () -> resources.json(event.current(), event.revision(), this::current));
        }
        return currentJson;
    }

    public synchronized EncodedObject previousJson() {
        if (previousJson == null) {
            previousJson = new EncodedObject(this::previous, () -> resources.json(event.previous(), event.revision(), this::previous));
        }
        return previousJson;
    }

    /** An object and its JSON (from the stored bytes where possible), each computed on first use and then shared. */
    public static final class EncodedObject {

        private final Supplier<?> object;
        private final Supplier<byte[]> encoder;
        private volatile byte[] json;

        EncodedObject(Supplier<?> object, Supplier<byte[]> encoder) {
            this.object = object;
            this.encoder = encoder;
        }

        public Object object() {
            return object.get();
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
