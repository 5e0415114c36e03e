package io.jk8s.testing.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an operation from N threads at once and records each call's latency: the measuring loop
 * every benchmark in the repository shares.
 */
public final class LoadRun {

    /** One call; {@code thread} is 0..threads-1 and {@code i} counts that thread's calls. */
    public interface Op {
        void run(int thread, int i) throws Exception;
    }

    /** What one phase measured, latencies sorted. */
    public record Result(String name, int threads, int ops, long nanos, long[] latencies) {

        public double opsPerSecond() {
            return ops * 1e9 / nanos;
        }

        /** The {@code p} quantile (0..1) of the latencies, in milliseconds. */
        public double percentileMillis(double p) {
            return latencies.length == 0 ? Double.NaN
                    : latencies[(int) Math.min(latencies.length - 1, latencies.length * p)] / 1e6;
        }

        public String line() {
            return String.format("%-34s %2d thr %9.0f ops/s   p50 %8.3f ms   p99 %8.3f ms", name, threads, opsPerSecond(),
                    percentileMillis(0.50), percentileMillis(0.99));
        }
    }

    private LoadRun() {}

    /** {@code ops} calls spread evenly over {@code threads} threads that start together. */
    public static Result measure(String name, int threads, int ops, Op op) throws Exception {
        int perThread = Math.max(1, ops / threads);
        long[] latencies = new long[perThread * threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    long begin = System.nanoTime();
                    op.run(thread, i);
                    latencies[thread * perThread + i] = System.nanoTime() - begin;
                }
                return null;
            }));
        }
        long begin = System.nanoTime();
        start.countDown();
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - begin;
        Arrays.sort(latencies);
        return new Result(name, threads, latencies.length, elapsed, latencies);
    }
}
