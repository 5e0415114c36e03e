package io.jk8s.conformance.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what the user would look at until it shows the expected state, as a user re-running kubectl would. */
public final class Eventually {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Eventually() {}

    /** @return the output that satisfied {@code done} */
    public static String until(String what, Supplier<String> probe, Predicate<String> done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not " + what + " within " + TIMEOUT.toSeconds() + "s; last output:\n" + last);
    }
}
