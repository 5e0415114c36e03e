package io.jk8s.storage.rocksdb;

import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Collects what a watch delivers and lets a test wait for it. */
final class RecordingListener implements WatchListener {

    private final List<WatchEvent> events = new ArrayList<>();
    final AtomicLong progress = new AtomicLong(-1);
    volatile Throwable closedWith;
    volatile boolean closed;

    @Override
    public synchronized void onEvents(List<WatchEvent> batch) {
        events.addAll(batch);
        notifyAll();
    }

    @Override
    public synchronized void onProgress(long revision) {
        progress.set(revision);
        notifyAll();
    }

    @Override
    public synchronized void onClose(Throwable cause) {
        closed = true;
        closedWith = cause;
        notifyAll();
    }

    synchronized List<WatchEvent> events() {
        return new ArrayList<>(events);
    }

    synchronized List<WatchEvent> awaitEvents(int count, Duration timeout) throws InterruptedException {
        await(l -> l.events.size() >= count, timeout);
        return new ArrayList<>(events);
    }

    synchronized void await(Predicate<RecordingListener> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out; events so far: " + events.size() + ", progress " + progress.get());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
