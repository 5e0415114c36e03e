package io.jk8s.node.kubelet;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The restart back-off of crashing containers, as kubelet's {@code flowcontrol.Backoff} does it:
 * the first restart is immediate, then each one waits 10 s doubling to 5 min after the last exit.
 * A container that stayed up longer than twice the cap starts over at 10 s.
 */
final class CrashLoopBackOff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    private record Entry(Duration delay, Instant lastUpdate) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    static String key(String podUid, String container) {
        return podUid + "/" + container;
    }

    /** The current delay if the container that exited at {@code finishedAt} must still wait. */
    Optional<Duration> waiting(String key, Instant finishedAt, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null || expired(entry, now) || finishedAt == null) {
            return Optional.empty();
        }
        return finishedAt.plus(entry.delay).isAfter(now) ? Optional.of(entry.delay) : Optional.empty();
    }

    /** Records a restart: the next crash waits twice as long (kubelet's {@code Backoff.Next}). */
    void next(String key, Instant now) {
        entries.compute(key, (k, old) -> old == null || expired(old, now) ? new Entry(INITIAL, now)
                : new Entry(old.delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : old.delay.multipliedBy(2), now));
    }

    void forgetPod(String podUid) {
        entries.keySet().removeIf(k -> k.startsWith(podUid + "/"));
    }

    private static boolean expired(Entry entry, Instant now) {
        return entry.lastUpdate.plus(MAX.multipliedBy(2)).isBefore(now);
    }
}
