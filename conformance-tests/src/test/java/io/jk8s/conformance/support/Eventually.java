package io.jk8s.conformance.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what the user would look at until it shows what they wait for, as {@code kubectl get -w} would. */
public final class Eventually {

    private Eventually() {}

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
