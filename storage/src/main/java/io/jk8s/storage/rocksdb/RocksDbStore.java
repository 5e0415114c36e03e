package io.jk8s.storage.rocksdb;

import io.jk8s.storage.CompactedException;
import io.jk8s.storage.FutureRevisionException;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.Store;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchListener;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MVCC store on RocksDB.
 *
 * <p>Sync policy: a write is acknowledged only after the RocksDB batch holding it was written
 * with {@code sync=true}, i.e. the write-ahead log was fsynced; concurrent writers share one
 * fsync (group commit). Revisions survive restarts because each batch also records the latest
 * revision, atomically with the data.
 */
public final class RocksDbStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(RocksDbStore.class);

    private final RocksDbFiles files;
    private final VersionReader reader;
    private final GroupCommitWriter writer;
    private final WatchHub hub;
    private final Compactor compactor;
    private final ScheduledExecutorService compactionTimer;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private RocksDbStore(RocksDbFiles files, StoreOptions options) {
        this.files = files;
        this.reader = new VersionReader(files);
        long revision = files.readMeta(RocksDbFiles.REVISION);
        this.compactor = new Compactor(files, this::currentRevision, files.readMeta(RocksDbFiles.COMPACTED),
                options.compactionRetention().toNanos());
        this.hub = new WatchHub(files, reader, revision, compactor::compacted, options.progressInterval());
        this.writer = new GroupCommitWriter(files, reader, revision, options.syncWrites(), hub::publish);
        this.compactionTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-compactor");
            thread.setDaemon(true);
            return thread;
        });
        long period = options.compactionInterval().toMillis();
        compactionTimer.scheduleAtFixedRate(this::compactPeriodically, period, period, TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the store in {@code dir}. */
    public static RocksDbStore open(Path dir, StoreOptions options) {
        RocksDbStore store = new RocksDbStore(RocksDbFiles.open(dir), options);
        log.info("store opened at {}: revision {}, compacted {}", dir, store.currentRevision(), store.compactedRevision());
        return store;
    }

    @Override
    public long currentRevision() {
        return writer.revision();
    }

    @Override
    public long compactedRevision() {
        return compactor.compacted();
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return writer.create(key, value);
    }

    @Override
    public KeyValue get(String key) {
        return reading(() -> {
            try (ReadOptions read = new ReadOptions()) {
                return reader.latest(key, Long.MAX_VALUE, read);
            }
        });
    }

    @Override
    public KeyValue update(String key, long expectedRevision, byte[] value) {
        return writer.update(key, expectedRevision, value);
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        return writer.delete(key, expectedRevision);
    }

    @Override
    public ListResult list(String prefix, ListOptions options) {
        return atRevision(options.revision(), (revision, read) ->
                reader.list(prefix, options.startKey(), options.limit(), revision, read, true));
    }

    @Override
    public long count(String prefix) {
        return atRevision(0, (revision, read) -> (long) reader.list(prefix, null, 0, revision, read, false).items().size());
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return reading(() -> hub.watch(prefix, afterRevision, listener));
    }

    @Override
    public long compact(long revision) {
        return reading(() -> {
            compactor.compact(revision);
            return compactor.compacted();
        });
    }

    private interface SnapshotRead<T> {
        T read(long revision, ReadOptions options);
    }

    /** Runs a read at a revision from one RocksDB snapshot, refusing compacted and future revisions. */
    private <T> T atRevision(long requested, SnapshotRead<T> read) {
        return reading(() -> snapshotRead(requested, read));
    }

    private <T> T snapshotRead(long requested, SnapshotRead<T> read) {
        long current = currentRevision();
        long revision = requested == 0 ? current : requested;
        if (revision > current) {
            throw new FutureRevisionException(revision, current);
        }
        Snapshot snapshot = files.db.getSnapshot();
        try (ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
            long compacted = compactedRevision();
            if (revision < compacted) {
                throw new CompactedException(revision, compacted);
            }
            return read.read(revision, options);
        } finally {
            files.db.releaseSnapshot(snapshot);
        }
    }

    /** Runs a read unless the store is closed: RocksDB handles must not be used after close. */
    private <T> T reading(Supplier<T> read) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new StorageException("store is closed");
            }
            return read.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void compactPeriodically() {
        try {
            compactor.tick(System.nanoTime());
        } catch (RuntimeException e) {
            log.warn("periodic compaction failed; will retry", e);
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            compactionTimer.shutdownNow();
            writer.close();
            hub.close();
            synchronized (compactor) {
                files.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
