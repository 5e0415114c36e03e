package io.jk8s.storage.rocksdb;

import io.jk8s.storage.CompactedException;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;

/**
 * Fans committed changes out to watches. Committed batches are dispatched on one thread, in
 * revision order. A new watch first replays the change log from a RocksDB snapshot while live
 * changes newer than that snapshot queue up for it, so the hand-over has no gap and no duplicate.
 */
final class WatchHub implements AutoCloseable {

    private final RocksDbFiles files;
    private final ChangeLogReplay replay;
    private final LongSupplier compactedRevision;
    private final List<StoreWatch> watches = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(daemon("store-watch-dispatch"));
    private final ExecutorService replayers = Executors.newCachedThreadPool(daemon("store-watch-replay"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("store-watch-progress"));
    private final Object registration = new Object();
    private long published;

    WatchHub(RocksDbFiles files, VersionReader reader, long revision, LongSupplier compactedRevision, Duration progressInterval) {
        this.files = files;
        this.replay = new ChangeLogReplay(files, reader);
        this.compactedRevision = compactedRevision;
        this.published = revision;
        long period = progressInterval.toMillis();
        ticker.scheduleAtFixedRate(() -> dispatch(this::progressAll), period, period, TimeUnit.MILLISECONDS);
    }

    /** Called by the writer, in revision order, once a batch is durable. */
    void publish(List<WatchEvent> events) {
        dispatch(() -> {
            synchronized (registration) {
                published = events.get(events.size() - 1).revision();
            }
            for (StoreWatch watch : watches) {
                watch.offer(events);
            }
        });
    }

    Watch watch(String prefix, long afterRevision, WatchListener listener) {
        StoreWatch watch;
        Snapshot snapshot;
        long snapshotRevision;
        synchronized (registration) {
            // everything up to `published` is in RocksDB; everything after it will be offered to us
            snapshotRevision = published;
            snapshot = files.db.getSnapshot();
            watch = new StoreWatch(this, prefix, afterRevision, listener);
            watches.add(watch);
        }
        long compacted = compactedRevision.getAsLong();
        if (afterRevision < compacted) {
            watches.remove(watch);
            files.db.releaseSnapshot(snapshot);
            throw new CompactedException(afterRevision, compacted);
        }
        try {
            replayers.execute(() -> {
                try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
                    replay.replay(prefix, afterRevision, snapshotRevision, read, watch::catchUp);
                    watch.caughtUp(snapshotRevision);
                } catch (RuntimeException e) {
                    watch.fail(e);
                } finally {
                    files.db.releaseSnapshot(snapshot);
                }
            });
        } catch (RejectedExecutionException closed) {
            files.db.releaseSnapshot(snapshot);
            watch.fail(new StorageException("store is closed"));
        }
        return watch;
    }

    void requestProgress(StoreWatch watch) {
        dispatch(() -> watch.progress(publishedRevision()));
    }

    void remove(StoreWatch watch) {
        watches.remove(watch);
    }

    private void progressAll() {
        long revision = publishedRevision();
        for (StoreWatch watch : watches) {
            watch.progress(revision);
        }
    }

    private long publishedRevision() {
        synchronized (registration) {
            return published;
        }
    }

    private void dispatch(Runnable task) {
        try {
            dispatcher.execute(task);
        } catch (RejectedExecutionException closing) {
            // the store is closing; watches are told in close()
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        dispatcher.shutdown();
        replayers.shutdown();
        try {
            dispatcher.awaitTermination(5, TimeUnit.SECONDS);
            replayers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StorageException closed = new StorageException("store is closed");
        for (StoreWatch watch : watches) {
            watch.fail(closed);
        }
    }
}
