package io.jk8s.reconcilers.framework;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube's ControllerExpectations: after a controller creates or deletes N children it waits until
 * its informer has seen those N changes before acting again, so a stale cache never makes it
 * create (or delete) the same replicas twice. Expectations expire, in case a watch event is lost.
 */
public final class Expectations {

    private static final Duration TTL = Duration.ofMinutes(5);

    private record Pending(int adds, int deletes, long setAtNanos) {}

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    public boolean satisfied(String key) {
        Pending p = pending.get(key);
        return p == null || (p.adds <= 0 && p.deletes <= 0) || System.nanoTime() - p.setAtNanos > TTL.toNanos();
    }

    public void expect(String key, int adds, int deletes) {
        pending.put(key, new Pending(adds, deletes, System.nanoTime()));
    }

    public void creationObserved(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.adds - 1, p.deletes, p.setAtNanos));
    }

    public void deletionObserved(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.adds, p.deletes - 1, p.setAtNanos));
    }

    public void forget(String key) {
        pending.remove(key);
    }
}
