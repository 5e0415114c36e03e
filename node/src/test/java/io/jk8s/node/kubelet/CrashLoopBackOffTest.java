package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrashLoopBackOffTest {

    private final CrashLoopBackOff backOff = new CrashLoopBackOff();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theFirstRestartIsImmediateThenTheDelayDoublesToFiveMinutes() {
        String key = CrashLoopBackOff.key("uid", "app");
        assertEquals(Optional.empty(), backOff.waiting(key, t0, t0));
        Instant now = t0;
        for (long expected : new long[] {10, 20, 40, 80, 160, 300, 300}) {
            backOff.next(key, now);
            assertEquals(Optional.of(Duration.ofSeconds(expected)), backOff.waiting(key, now, now.plusSeconds(1)));
            assertEquals(Optional.empty(), backOff.waiting(key, now, now.plusSeconds(expected)));
            now = now.plusSeconds(expected);
        }
    }

    @Test
    void forgettingAPodResetsItsContainers() {
        String key = CrashLoopBackOff.key("uid", "app");
        backOff.next(key, t0);
        backOff.forgetPod("uid");
        assertEquals(Optional.empty(), backOff.waiting(key, t0, t0.plusSeconds(1)));
    }
}
