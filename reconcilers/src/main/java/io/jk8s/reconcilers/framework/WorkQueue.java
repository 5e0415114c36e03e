package io.jk8s.reconcilers.framework;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * client-go's rate-limited work queue: a key is queued at most once however often it is added,
 * is never handed to two workers at once (an add while it is being processed queues it again
 * afterwards), and failures back off exponentially per key (5 ms doubling up to 1,000 s, client-go's
 * default item limiter).
 */
public final class WorkQueue implements AutoCloseable {

    private static final long BASE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1000);

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService delays;
    private boolean shutDown;

    public WorkQueue(String name) {
        this.delays = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-queue-delays");
            thread.setDaemon(true);
            return thread;
        });
    }

    public synchronized void add(String key) {
        if (shutDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.addLast(key);
            notify();
        }
    }

    public void addAfter(String key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        synchronized (this) {
            if (shutDown) {
                return;
            }
        }
        delays.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Re-queues a key that failed, later each time it fails again. */
    public void addRateLimited(String key) {
        int failed;
        synchronized (this) {
            failed = failures.merge(key, 1, Integer::sum);
        }
        long delay = failed >= 40 ? MAX_DELAY_NANOS : Math.min(MAX_DELAY_NANOS, BASE_DELAY_NANOS << (failed - 1));
        addAfter(key, Duration.ofNanos(delay));
    }

    /** The key succeeded: its next failure starts the backoff afresh. */
    public synchronized void forget(String key) {
        failures.remove(key);
    }

    /** The next key to process, or null once the queue is shut down. */
    public synchronized String take() throws InterruptedException {
        while (queue.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return null;
        }
        String key = queue.removeFirst();
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    public synchronized void done(String key) {
        processing.remove(key);
        if (dirty.contains(key)) {
            queue.addLast(key);
            notify();
        }
    }

    public synchronized int length() {
        return queue.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            shutDown = true;
            notifyAll();
        }
        delays.shutdownNow();
    }
}
