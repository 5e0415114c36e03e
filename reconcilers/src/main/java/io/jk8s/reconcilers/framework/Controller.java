package io.jk8s.reconcilers.framework;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Workers that drain a {@link WorkQueue} into a {@link Reconciler}, as kube-controller-manager's loops do. */
public final class Controller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    /** Longer than an API call may take (the client's request timeout is 10 s). */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final WorkQueue queue;
    private final Reconciler reconciler;
    private final List<Thread> workers = new ArrayList<>();

    public Controller(String name, WorkQueue queue, Reconciler reconciler) {
        this.name = name;
        this.queue = queue;
        this.reconciler = reconciler;
    }

    public String name() {
        return name;
    }

    public void start(int workerCount) {
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, name + "-worker-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                Duration again = reconciler.reconcile(key);
                queue.forget(key);
                if (again != null) {
                    queue.addAfter(key, again);
                }
            } catch (Exception e) {
                log.debug("{}: reconciling {} failed, will retry: {}", name, key, e.toString());
                queue.addRateLimited(key);
            } finally {
                queue.done(key);
            }
        }
    }

    /**
     * Stops taking keys and waits for the syncs in flight: a controller-manager that lost its Lease
     * may campaign again at once, and a new generation, with no expectations yet, must not sync a
     * key while the old one is still creating that key's pods.
     */
    @Override
    public void close() {
        stop();
        awaitStopped(System.nanoTime() + STOP_TIMEOUT.toNanos());
    }

    /** Stops taking keys and interrupts the workers; a sync in flight ends on its own (see {@link #awaitStopped}). */
    public void stop() {
        queue.close();
        workers.forEach(Thread::interrupt);
    }

    /** Waits until the workers are done, or {@code deadline} ({@link System#nanoTime()}) has passed. */
    public void awaitStopped(long deadline) {
        for (Thread worker : workers) {
            if (worker == Thread.currentThread()) {
                continue;
            }
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
