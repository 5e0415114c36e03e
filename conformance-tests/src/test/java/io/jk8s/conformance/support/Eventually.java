package io.jk8s.conformance.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what the user would look at until it shows what they wait for, as a user re-running kubectl would. */
public final class Eventually {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Eventually() {}

    /** @return the output that satisfied {@code done}, within a minute */
    public static String until(String what, Supplier<String> probe, Predicate<String> done) {
        return until(what, DEFAULT_TIMEOUT, probe, done);
    }

    /** @return the output that satisfied {@code done} */
    public static String until(String what, Duration timeout, Supplier<String> probe, Predicate<String> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not " + what + " within " + timeout.toSeconds() + "s; last output:\n" + last);
    }
}
