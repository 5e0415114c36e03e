package io.jk8s.api.watch;

/**
 * One event of a watch stream, as written on the wire: {@code {"type":..,"object":..}}.
 * {@code object} is an API object, or a {@code Status} for ERROR. Events built from a shared
 * {@link DecodedChange} carry its {@code encoded} form so that JSON is produced once per change,
 * not once per watcher.
 */
public final class ApiWatchEvent {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    private final Type type;
    private final Object object;
    private final DecodedChange.EncodedObject encoded;

    public ApiWatchEvent(Type type, Object object) {
        this.type = type;
        this.object = object;
        this.encoded = null;
    }

    /** The object is decoded only if someone asks for it: a JSON watch without selectors needs just the bytes. */
    public ApiWatchEvent(Type type, DecodedChange.EncodedObject encoded) {
        this.type = type;
        this.object = null;
        this.encoded = encoded;
    }

    public Type type() {
        return type;
    }

    public Object object() {
        return encoded != null ? encoded.object() : object;
    }

    /** The shared encoding of the object, or null for an event made for one watcher (bookmarks, errors, initial lists). */
    public DecodedChange.EncodedObject encoded() {
        return encoded;
    }
}
