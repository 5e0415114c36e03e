package io.jk8s.api.watch;

/**
 * One event of a watch stream, as written on the wire: {@code {"type":..,"object":..}}.
 * {@code object} is an API object, or a {@code Status} for ERROR. Events built from a shared
 * {@link DecodedChange} carry its {@code encoded} form so that JSON is produced once per change,
 * not once per watcher.
 */
public record ApiWatchEvent(Type type, Object object, DecodedChange.EncodedObject encoded) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    public ApiWatchEvent(Type type, Object object) {
        this(type, object, null);
    }

    public ApiWatchEvent(Type type, DecodedChange.EncodedObject encoded) {
        this(type, encoded.object(), encoded);
    }
}
