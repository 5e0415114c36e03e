package io.jk8s.storage;

/**
 * One committed change.
 *
 * @param revision the revision of the change
 * @param current the value after the change; for DELETE the last value before it
 * @param previous the value before the change (null for a CREATE)
 */
public record WatchEvent(Type type, long revision, KeyValue current, KeyValue previous) {

    public enum Type { CREATE, UPDATE, DELETE }

    public String key() {
        return current.key();
    }
}
