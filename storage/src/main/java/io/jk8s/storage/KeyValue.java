package io.jk8s.storage;

/**
 * One version of a key.
 *
 * @param createRevision revision at which the key was (last) created
 * @param modRevision revision of the write that produced this value
 * @param deletedAt for a value returned by a delete, the revision of the deletion; otherwise 0
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long deletedAt) {

    public KeyValue(String key, byte[] value, long createRevision, long modRevision) {
        this(key, value, createRevision, modRevision, 0);
    }
}
