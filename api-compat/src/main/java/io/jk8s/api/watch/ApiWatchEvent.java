package io.jk8s.api.watch;

/**
 * One event of a watch stream, as written on the wire: {@code {"type":..,"object":..}}.
 * {@code object} is an API object, or a {@code Status} for ERROR.
 */
public record ApiWatchEvent(Type type, Object object) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }
}
