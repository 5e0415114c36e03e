package io.jk8s.reconcilers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    @Test
    void aKeyIsQueuedOnceAndNeverProcessedTwiceAtATime() throws Exception {
        try (WorkQueue queue = new WorkQueue("test")) {
            queue.add("default/a");
            queue.add("default/a");
            queue.add("default/b");
            assertEquals(2, queue.length());
            String first = queue.take();
            assertEquals("default/a", first);
            queue.add("default/a"); // changed while being reconciled
            assertEquals("default/b", queue.take());
            assertEquals(0, queue.length(), "a key in progress is not handed to a second worker");
            queue.done("default/a");
            assertEquals("default/a", queue.take(), "the change seen during processing is reconciled afterwards");
            queue.done("default/a");
            queue.done("default/b");
            assertEquals(0, queue.length());
        }
    }

    @Test
    void failuresBackOffExponentiallyAndForgetResets() throws Exception {
        try (WorkQueue queue = new WorkQueue("test")) {
            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                queue.addRateLimited("default/flaky"); // 5, 10, 20, 40, 80, 160 ms: the last one wins the wait
                String key = queue.take();
                queue.done(key);
            }
            long waited = System.nanoTime() - start;
            assertTrue(waited >= Duration.ofMillis(5 + 10 + 20 + 40 + 80 + 160).toNanos(), "waited " + waited / 1_000_000 + " ms");
            queue.forget("default/flaky");
            long again = System.nanoTime();
            queue.addRateLimited("default/flaky");
            queue.take();
            assertTrue(System.nanoTime() - again < Duration.ofMillis(150).toNanos(), "backoff restarts at 5 ms after forget");
        }
    }

    @Test
    void shutDownReleasesWaitingWorkers() throws Exception {
        WorkQueue queue = new WorkQueue("test");
        Thread closer = new Thread(() -> {
            sleep(50);
            queue.close();
        });
        closer.start();
        assertNull(queue.take());
        closer.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
