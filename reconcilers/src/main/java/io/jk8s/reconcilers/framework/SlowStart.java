package io.jk8s.reconcilers.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kube's slowStartBatch: create in batches of 1, 2, 4, ..., the calls of a batch concurrently, and
 * stop after the first batch with a failure, so a controller whose pods are all rejected (quota,
 * bad template) makes one failing call, not hundreds, while a healthy one creates a thousand pods
 * in ten round trips rather than a thousand.
 */
public final class SlowStart {

    /** Calls in flight at once across all controllers. */
    private static final ExecutorService CALLS = Executors.newFixedThreadPool(32, runnable -> {
        Thread thread = new Thread(runnable, "slow-start-call");
        thread.setDaemon(true);
        return thread;
    });

    /** One creation, the {@code index}-th of the run; throws on failure. */
    public interface Creation {
        void create(int index);
    }

    private SlowStart() {}

    /** How many creations succeeded, and the first failure that stopped the rest (or null). */
    public record Outcome(int created, RuntimeException failure) {}

    public static Outcome run(int count, Creation creation) {
        AtomicInteger created = new AtomicInteger();
        int started = 0;
        int batch = 1;
        while (started < count) {
            int size = Math.min(batch, count - started);
            List<CompletableFuture<Void>> calls = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int index = started + i;
                calls.add(size == 1 ? run(creation, index, created)
                        : CompletableFuture.runAsync(() -> creation.create(index), CALLS).thenRun(created::incrementAndGet));
            }
            started += size;
            RuntimeException failure = null;
            for (CompletableFuture<Void> call : calls) {
                try {
                    call.join();
                } catch (CompletionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : e;
                    }
                }
            }
            if (failure != null) {
                return new Outcome(created.get(), failure);
            }
            batch *= 2;
        }
        return new Outcome(created.get(), null);
    }

    private static CompletableFuture<Void> run(Creation creation, int index, AtomicInteger created) {
        try {
            creation.create(index);
            created.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
