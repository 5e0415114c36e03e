package io.jk8s.storage.rocksdb;

import io.jk8s.storage.KeyExistsException;
import io.jk8s.storage.KeyNotFoundException;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.RevisionConflictException;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.WatchEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Serializes writes: revisions must be handed out in commit order. To keep fsync from capping
 * throughput at one write per disk flush, writes that arrive while a commit is running queue up
 * and the next commit takes all of them into one atomic, synced RocksDB batch (group commit);
 * every write is acknowledged only after the batch holding it is durable. An uncontended write
 * commits on its caller's thread, with no hand-off; queued writes are committed by whichever
 * caller commits next, or by the writer thread, which guarantees none is left waiting.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final int MAX_BATCH = 256;

    /** A write request; {@code expectedRevision} is -1 for "must not exist", 0 for "any". */
    private record Write(WatchEvent.Type type, String key, long expectedRevision, byte[] value,
            CompletableFuture<KeyValue> done) {}

    /** The outcome of one write inside a batch, reported once the batch is durable. */
    private record Outcome(Write write, KeyValue result, RuntimeException error) {}

    private final RocksDbFiles files;
    private final VersionReader reader;
    private final WriteOptions writeOptions;
    private final Consumer<List<WatchEvent>> committed;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Thread thread;
    private volatile long revision;
    private volatile boolean closed;

    GroupCommitWriter(RocksDbFiles files, VersionReader reader, long revision, boolean sync,
            Consumer<List<WatchEvent>> committed) {
        this.files = files;
        this.reader = reader;
        this.revision = revision;
        this.writeOptions = new WriteOptions().setSync(sync);
        this.committed = committed;
        this.thread = new Thread(this::commitQueued, "store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    long revision() {
        return revision;
    }

    KeyValue create(String key, byte[] value) {
        return submit(WatchEvent.Type.CREATE, key, -1, value);
    }

    KeyValue update(String key, long expectedRevision, byte[] value) {
        return submit(WatchEvent.Type.UPDATE, key, expectedRevision, value);
    }

    KeyValue delete(String key, long expectedRevision) {
        return submit(WatchEvent.Type.DELETE, key, expectedRevision, null);
    }

    private KeyValue submit(WatchEvent.Type type, String key, long expectedRevision, byte[] value) {
        MvccCodec.keyBytes(key); // reject bad keys before they reach a batch
        Write write = new Write(type, key, expectedRevision, value, new CompletableFuture<>());
        if (commitLock.tryLock()) {
            try {
                List<Write> batch = new ArrayList<>();
                batch.add(write);
                queue.drainTo(batch, MAX_BATCH - 1);
                commitOrFail(batch);
            } finally {
                commitLock.unlock();
            }
        } else {
            queue.add(write);
            if (closed) {
                // the writer thread may have finished already; nobody else would answer
                failQueued();
            }
        }
        try {
            return write.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StorageException("write of " + key + " failed", e.getCause());
        }
    }

    private void commitQueued() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Write first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                commitLock.lock();
                try {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    commitOrFail(batch);
                } finally {
                    commitLock.unlock();
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void failQueued() {
        commitLock.lock();
        try {
            List<Write> left = new ArrayList<>();
            queue.drainTo(left);
            commitOrFail(left);
        } finally {
            commitLock.unlock();
        }
    }

    private void commitOrFail(List<Write> batch) {
        if (closed) {
            StorageException failure = new StorageException("store is closed");
            batch.forEach(w -> w.done.completeExceptionally(failure));
        } else {
            commit(batch);
        }
    }

    private void commit(List<Write> batch) {
        // later writes in a batch must see earlier ones, which are not in RocksDB yet
        Map<String, KeyValue> pending = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<WatchEvent> events = new ArrayList<>(batch.size());
        long next = revision;
        // one iterator for the whole batch: opening one costs about as much as the seek it serves
        try (WriteBatch writes = new WriteBatch(); ReadOptions read = new ReadOptions(); RocksIterator versions = reader.versions(read)) {
            for (Write write : batch) {
                KeyValue current = pending.containsKey(write.key)
                        ? pending.get(write.key) : reader.latest(write.key, Long.MAX_VALUE, versions);
                RuntimeException refused = check(write, current);
                if (refused != null) {
                    outcomes.add(new Outcome(write, null, refused));
                    continue;
                }
                long rev = ++next;
                WatchEvent event = apply(writes, write, current, rev);
                pending.put(write.key, write.type == WatchEvent.Type.DELETE ? null : event.current());
                events.add(event);
                outcomes.add(new Outcome(write, event.current(), null));
            }
            if (!events.isEmpty()) {
                writes.put(files.meta, RocksDbFiles.REVISION, MvccCodec.revisionKey(next));
                files.db.write(writeOptions, writes);
                revision = next;
            }
        } catch (RocksDBException | RuntimeException e) {
            StorageException failure = new StorageException("commit failed: " + e.getMessage(), e);
            batch.forEach(w -> w.done.completeExceptionally(failure));
            return;
        }
        if (!events.isEmpty()) {
            committed.accept(events);
        }
        for (Outcome outcome : outcomes) {
            if (outcome.error != null) {
                outcome.write.done.completeExceptionally(outcome.error);
            } else {
                outcome.write.done.complete(outcome.result);
            }
        }
    }

    private static RuntimeException check(Write write, KeyValue current) {
        if (write.type == WatchEvent.Type.CREATE) {
            return current == null ? null : new KeyExistsException(write.key);
        }
        if (current == null) {
            return new KeyNotFoundException(write.key);
        }
        if (write.expectedRevision > 0 && write.expectedRevision != current.modRevision()) {
            return new RevisionConflictException(write.key + " is at revision " + current.modRevision()
                    + ", not " + write.expectedRevision);
        }
        return null;
    }

    private WatchEvent apply(WriteBatch writes, Write write, KeyValue current, long rev) throws RocksDBException {
        byte[] versionKey = MvccCodec.versionKey(MvccCodec.keyBytes(write.key), rev);
        long previousRevision = current == null ? 0 : current.modRevision();
        writes.put(files.log, MvccCodec.revisionKey(rev),
                new MvccCodec.LogEntry(rev, write.type, previousRevision, write.key).encode());
        if (write.type == WatchEvent.Type.DELETE) {
            writes.put(files.kv, versionKey, MvccCodec.encodeValue(true, current.createRevision(), null));
            KeyValue deleted = new KeyValue(current.key(), current.value(), current.createRevision(), current.modRevision(), rev);
            return new WatchEvent(write.type, rev, deleted, current);
        }
        long createRevision = current == null ? rev : current.createRevision();
        writes.put(files.kv, versionKey, MvccCodec.encodeValue(false, createRevision, write.value));
        return new WatchEvent(write.type, rev, new KeyValue(write.key, write.value, createRevision, rev), current);
    }

    /** Later writes fail; a batch already being committed completes first (it holds the lock). */
    @Override
    public void close() {
        commitLock.lock();
        try {
            closed = true;
        } finally {
            commitLock.unlock();
        }
        try {
            thread.join(10_000); // it fails whatever is still queued
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeOptions.close();
    }
}
