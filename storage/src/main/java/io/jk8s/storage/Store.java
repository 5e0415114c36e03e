package io.jk8s.storage;

import java.util.function.Function;

/**
 * The whole storage surface the API server needs, modelled on what kine exposes of etcd: a
 * key/value store with one global revision. Values are opaque bytes; the revision of the write
 * that produced a value is what the API layer reports as {@code metadata.resourceVersion}.
 *
 * <p>Implementations: {@link io.jk8s.storage.rocksdb.RocksDbStore} (embedded, default); an etcd backend can implement the
 * same contract. Every write is durable when its method returns.
 */
public interface Store extends AutoCloseable {

    /** The revision of the latest committed write (0 for an empty store). */
    long currentRevision();

    /** The oldest revision that can still be read or watched from; older ones are compacted away. */
    long compactedRevision();

    /**
     * Creates {@code key} with {@code value}.
     *
     * @throws KeyExistsException if the key currently exists
     */
    KeyValue create(String key, byte[] value);

    /** The current value of {@code key}, or {@code null} if it does not exist. */
    KeyValue get(String key);

    /**
     * Replaces the value of {@code key} if its current mod revision is {@code expectedRevision}.
     *
     * @throws KeyNotFoundException if the key does not exist
     * @throws RevisionConflictException if the key's mod revision is not {@code expectedRevision}
     */
    KeyValue update(String key, long expectedRevision, byte[] value);

    /**
     * Deletes {@code key}. With {@code expectedRevision > 0} only if that is its current mod revision.
     *
     * @return the deleted value (with its last mod revision); the deletion's own revision is
     *     {@link KeyValue#deletedAt()}
     * @throws KeyNotFoundException if the key does not exist
     * @throws RevisionConflictException if the precondition fails
     */
    KeyValue delete(String key, long expectedRevision);

    /**
     * Lists keys starting with {@code prefix} as of one consistent revision.
     *
     * @throws CompactedException if the requested revision has been compacted
     * @throws FutureRevisionException if the requested revision is newer than the current one
     */
    ListResult list(String prefix, ListOptions options);

    /** Counts the keys that currently start with {@code prefix}. */
    long count(String prefix);

    /**
     * Streams every change under {@code prefix} with a revision greater than {@code afterRevision}:
     * first the retained history, then live changes, in revision order, with no gap and no
     * duplicate. The listener is called from store threads and must not block.
     *
     * @throws CompactedException if {@code afterRevision} is older than the compacted revision
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /**
     * Discards history at or before {@code revision} (the latest value of each key is kept).
     *
     * @return the compacted revision after this call
     */
    long compact(long revision);

    @Override
    void close();

    /**
     * Read-modify-write of {@code key}: {@code tryUpdate} receives the current value and returns
     * the new bytes (or throws to abort, e.g. when a precondition does not hold); on a concurrent
     * write it is called again with the newer value. Mirrors kube-apiserver's GuaranteedUpdate.
     *
     * @throws KeyNotFoundException if the key does not exist
     */
    default KeyValue guaranteedUpdate(String key, Function<KeyValue, byte[]> tryUpdate) {
        while (true) {
            KeyValue current = get(key);
            if (current == null) {
                throw new KeyNotFoundException(key);
            }
            byte[] next = tryUpdate.apply(current);
            try {
                return update(key, current.modRevision(), next);
            } catch (RevisionConflictException retry) {
                // someone else wrote in between: recompute from the newer value
            }
        }
    }
}
