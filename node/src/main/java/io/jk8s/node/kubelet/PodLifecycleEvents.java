package io.jk8s.node.kubelet;

import io.jk8s.node.runtime.ContainerSummary;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides which pods a relist must sync, after kubelet's PLEG ({@code pkg/kubelet/pleg/generic.go})
 * and its pod workers' requeue: a pod whose sandbox or containers changed in the runtime since the
 * previous relist, a pod that is not settled yet (something waits: being created, backing off,
 * initializing), and every pod once per resync period. A steady pod then costs one listing a second,
 * not a sync, however many pods the node runs.
 */
final class PodLifecycleEvents {

    /** kubelet's --sync-frequency is a minute; shorter here so configMap volume updates arrive sooner. */
    static final Duration RESYNC = Duration.ofSeconds(10);

    private Map<String, String> fingerprints = Map.of();
    private final Set<String> unsettled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastSync = new ConcurrentHashMap<>();

    /** The pod uids whose runtime state differs from the previous relist (appeared, changed or vanished). */
    synchronized Set<String> changed(List<ContainerSummary> all) {
        Map<String, String> now = all.stream().collect(Collectors.groupingBy(ContainerSummary::podUid,
                Collectors.mapping(c -> c.id() + ":" + c.state(), Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new),
                        Object::toString))));
        Set<String> changed = new TreeSet<>();
        now.forEach((uid, print) -> {
            if (!print.equals(fingerprints.get(uid))) {
                changed.add(uid);
            }
        });
        fingerprints.keySet().stream().filter(uid -> !now.containsKey(uid)).forEach(changed::add);
        fingerprints = new HashMap<>(now);
        return changed;
    }

    /** Records a sync of the pod and whether everything in it is where it will stay. */
    void synced(String key, boolean settled, long nanos) {
        lastSync.put(key, nanos);
        if (settled) {
            unsettled.remove(key);
        } else {
            unsettled.add(key);
        }
    }

    /** Whether a relist must sync this pod although its containers did not change. */
    boolean due(String key, long nanos) {
        Long last = lastSync.get(key);
        return last == null || unsettled.contains(key) || nanos - last >= RESYNC.toNanos();
    }

    void forget(String key) {
        lastSync.remove(key);
        unsettled.remove(key);
    }
}
