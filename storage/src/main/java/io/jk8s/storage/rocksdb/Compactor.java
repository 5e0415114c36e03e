package io.jk8s.storage.rocksdb;

import io.jk8s.storage.FutureRevisionException;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.WatchEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops history. Walking the change log up to the target revision finds exactly the versions
 * that a later version replaced at or before it (and the tombstones of deletions), so nothing a
 * read or watch at a retained revision needs is ever removed.
 */
final class Compactor {

    private static final Logger log = LoggerFactory.getLogger(Compactor.class);
    private static final int DELETES_PER_BATCH = 10_000;

    /** When a revision was current; compaction targets the newest sample older than the retention. */
    private record Sample(long nanos, long revision) {}

    private final RocksDbFiles files;
    private final LongSupplier currentRevision;
    private final long retentionNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile long compacted;

    Compactor(RocksDbFiles files, LongSupplier currentRevision, long compacted, long retentionNanos) {
        this.files = files;
        this.currentRevision = currentRevision;
        this.compacted = compacted;
        this.retentionNanos = retentionNanos;
    }

    long compacted() {
        return compacted;
    }

    /** One periodic pass, mirroring kube-apiserver's compaction loop. */
    synchronized void tick(long nowNanos) {
        samples.addLast(new Sample(nowNanos, currentRevision.getAsLong()));
        long target = 0;
        while (!samples.isEmpty() && nowNanos - samples.peekFirst().nanos >= retentionNanos) {
            target = samples.pollFirst().revision;
        }
        if (target > compacted) {
            long dropped = compact(target);
            log.debug("compacted to revision {} ({} log entries dropped)", target, dropped);
        }
    }

    /** @return how many change-log entries were dropped */
    synchronized long compact(long revision) {
        long current = currentRevision.getAsLong();
        if (revision > current) {
            throw new FutureRevisionException(revision, current);
        }
        if (revision <= compacted) {
            return 0;
        }
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            // publish the new floor first: readers check it after taking their snapshot, so none
            // can read at a revision whose versions are about to go
            compacted = revision;
            files.db.put(files.meta, sync, RocksDbFiles.COMPACTED, MvccCodec.revisionKey(revision));
            return dropHistory(revision);
        } catch (RocksDBException e) {
            throw new StorageException("compaction to " + revision + " failed: " + e.getMessage(), e);
        }
    }

    /** Starts from the first log entry, so an interrupted compaction resumes after a restart. */
    private long dropHistory(long revision) throws RocksDBException {
        long dropped = 0;
        WriteBatch batch = new WriteBatch();
        try (RocksIterator it = files.db.newIterator(files.log); WriteOptions write = new WriteOptions()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                MvccCodec.LogEntry entry = MvccCodec.LogEntry.decode(it.key(), it.value());
                if (entry.revision() > revision) {
                    break;
                }
                byte[] key = MvccCodec.keyBytes(entry.key());
                if (entry.previousRevision() > 0) {
                    batch.delete(files.kv, MvccCodec.versionKey(key, entry.previousRevision()));
                }
                if (entry.type() == WatchEvent.Type.DELETE) {
                    batch.delete(files.kv, MvccCodec.versionKey(key, entry.revision()));
                }
                batch.delete(files.log, it.key());
                if (++dropped % DELETES_PER_BATCH == 0) {
                    files.db.write(write, batch);
                    batch.close();
                    batch = new WriteBatch();
                }
            }
            files.db.write(write, batch);
        } finally {
            batch.close();
        }
        return dropped;
    }
}
