package io.jk8s.reconcilers.daemon;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Expectations;
import io.jk8s.reconcilers.framework.PodClaims;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.PodControl;
import io.jk8s.reconcilers.framework.Reconciler;
import io.jk8s.reconcilers.framework.SlowStart;
import io.jk8s.reconcilers.history.ControllerRevisions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One pod per eligible node for each DaemonSet (kube's daemon_controller.go and update.go): the
 * template's revision recorded as a ControllerRevision; missing daemon pods created pinned to
 * their node, surplus, failed and misplaced ones deleted; under RollingUpdate, old pods replaced
 * while at most maxUnavailable nodes lack an available updated pod, or with maxSurge, updated pods
 * started beside the old ones first; status through /status.
 */
public final class DaemonSetReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Indexer<DaemonSet> daemonSets;
    private final Indexer<Node> nodes;
    private final PodClaims claims;
    private final ControllerRevisions history;
    private final PodControl podControl;
    private final EventRecorder events;
    private final Expectations expectations;
    private final Clock clock;
    private final KubernetesSerialization serialization;

    DaemonSetReconciler(KubernetesClient client, Indexer<DaemonSet> daemonSets, Indexer<Node> nodes, PodClaims claims,
            ControllerRevisions history, EventRecorder events, Expectations expectations, Clock clock) {
        this.client = client;
        this.daemonSets = daemonSets;
        this.nodes = nodes;
        this.claims = claims;
        this.history = history;
        this.podControl = new PodControl(client, events);
        this.events = events;
        this.expectations = expectations;
        this.clock = clock;
        this.serialization = client.getKubernetesSerialization();
    }

    @Override
    public Duration reconcile(String key) {
        DaemonSet ds = daemonSets.getByKey(key);
        if (ds == null) {
            expectations.forget(key);
            return null;
        }
        List<ControllerRevision> revisions = history.claim(ds, ds.getSpec().getSelector());
        int collisions = ds.getStatus() == null ? 0 : Objects.requireNonNullElse(ds.getStatus().getCollisionCount(), 0);
        ControllerRevisions.Created current = history.ensure(ds, ds.getSpec().getTemplate(), revisions, collisions);
        String hash = current.revision().getMetadata().getLabels().get(ControllerRevisions.HASH_LABEL);
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod pod : claims.claim(ds, ds.getSpec().getSelector(), pod -> !(PodConditions.isTerminating(pod) && PodConditions.isFinished(pod)))) {
            String node = DaemonPods.targetNode(pod);
            if (node != null) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
        }
        byNode.values().forEach(pods -> pods.sort(Comparator.comparing(p -> Objects.requireNonNullElse(p.getMetadata().getCreationTimestamp(), ""))));
        Map<String, NodeEligibility> eligible = new HashMap<>();
        for (Node node : nodes.list()) {
            eligible.put(node.getMetadata().getName(), NodeEligibility.of(ds, node, serialization));
        }
        if (ds.getMetadata().getDeletionTimestamp() == null && expectations.satisfied(key)) {
            boolean changed = manage(key, ds, eligible, byNode, hash);
            if (!changed && "RollingUpdate".equals(ds.getSpec().getUpdateStrategy().getType())) {
                rollingUpdate(key, ds, eligible, byNode, hash);
            }
        }
        Duration again = updateStatus(ds, eligible, byNode, hash, current.collisionCount());
        Set<String> liveHashes = new HashSet<>(Set.of(hash));
        byNode.values().forEach(pods -> pods.forEach(p -> liveHashes.add(p.getMetadata().getLabels().get(ControllerRevisions.HASH_LABEL))));
        List<ControllerRevision> all = new ArrayList<>(revisions);
        if (all.stream().noneMatch(r -> r.getMetadata().getName().equals(current.revision().getMetadata().getName()))) {
            all.add(current.revision());
        }
        history.truncate(all, r -> liveHashes.contains(r.getMetadata().getLabels().get(ControllerRevisions.HASH_LABEL)),
                Objects.requireNonNullElse(ds.getSpec().getRevisionHistoryLimit(), 10));
        return again;
    }

    /** podsShouldBeOnNode for every node. @return whether it created or deleted anything */
    private boolean manage(String key, DaemonSet ds, Map<String, NodeEligibility> eligible, Map<String, List<Pod>> byNode, String hash) {
        List<String> create = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        for (Map.Entry<String, NodeEligibility> entry : eligible.entrySet()) {
            List<Pod> pods = byNode.getOrDefault(entry.getKey(), List.of());
            NodeEligibility decision = entry.getValue();
            if (decision.shouldRun() && pods.isEmpty()) {
                create.add(entry.getKey());
            } else if (decision.shouldContinueRunning()) {
                List<Pod> running = new ArrayList<>();
                for (Pod pod : pods) {
                    if (PodConditions.isTerminating(pod)) {
                        continue;
                    }
                    if ("Failed".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                        events.warning(ds, "FailedDaemonPod", "Found failed daemon pod " + pod.getMetadata().getNamespace() + "/"
                                + pod.getMetadata().getName() + " on node " + entry.getKey() + ", will try to kill it");
                        delete.add(pod);
                    } else {
                        running.add(pod);
                    }
                }
                delete.addAll(surplus(running, hash, allowsSurge(ds)));
            } else {
                pods.stream().filter(p -> !PodConditions.isTerminating(p)).forEach(delete::add);
            }
        }
        // pods pinned to nodes that no longer exist
        byNode.forEach((node, pods) -> {
            if (!eligible.containsKey(node)) {
                pods.stream().filter(p -> !PodConditions.isTerminating(p) && p.getSpec().getNodeName() == null).forEach(delete::add);
            }
        });
        syncNodes(key, ds, create, delete, hash);
        return !create.isEmpty() || !delete.isEmpty();
    }

    /**
     * The daemon pods on one node beyond what may stay (podsShouldBeOnNode). Without surge only the
     * oldest stays. With surge an old and an updated pod may both stay while the updated one is not
     * ready yet and the old one is; if neither is ready, the updated one stays.
     */
    private static List<Pod> surplus(List<Pod> running, String hash, boolean surge) {
        if (!surge) {
            return running.subList(Math.min(1, running.size()), running.size());
        }
        List<Pod> delete = new ArrayList<>();
        Pod oldestNew = null;
        Pod oldestOld = null;
        for (Pod pod : running) {
            boolean current = hash.equals(pod.getMetadata().getLabels().get(ControllerRevisions.HASH_LABEL));
            if (current && oldestNew == null) {
                oldestNew = pod;
            } else if (!current && oldestOld == null) {
                oldestOld = pod;
            } else {
                delete.add(pod);
            }
        }
        if (oldestNew != null && oldestOld != null && (!PodConditions.isReady(oldestOld) || PodConditions.isReady(oldestNew))) {
            delete.add(oldestOld);
        }
        return delete;
    }

    /** update.go rollingUpdate: with maxSurge, start the updated pod beside the old one first; else replace in place. */
    private void rollingUpdate(String key, DaemonSet ds, Map<String, NodeEligibility> eligible, Map<String, List<Pod>> byNode, String hash) {
        int desired = (int) eligible.values().stream().filter(NodeEligibility::shouldRun).count();
        int maxSurge = allowsSurge(ds) ? scaled(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge(), desired) : 0;
        int maxUnavailable = scaled(maxUnavailableValue(ds), desired);
        if (desired > 0 && maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1; // an impossible configuration: kube falls back to one at a time
        }
        if (maxSurge > 0) {
            surgingUpdate(key, ds, eligible, byNode, hash, maxSurge);
        } else {
            replacingUpdate(key, ds, byNode, hash, maxUnavailable);
        }
    }

    /**
     * The surge half of update.go: a node whose old pod is available gets an updated pod beside it
     * while fewer than maxSurge nodes are surging; the old pod goes once the updated one is available.
     */
    private void surgingUpdate(String key, DaemonSet ds, Map<String, NodeEligibility> eligible, Map<String, List<Pod>> byNode, String hash,
            int maxSurge) {
        String generation = DaemonPods.generation(ds);
        Instant now = clock.instant();
        int minReadySeconds = Objects.requireNonNullElse(ds.getSpec().getMinReadySeconds(), 0);
        int surging = 0;
        List<String> allowed = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> entry : byNode.entrySet()) {
            NodePods found = NodePods.of(entry.getValue(), hash, generation);
            Pod updated = found.updated();
            Pod old = found.old();
            boolean single = found.single();
            if (!single) {
                surging++; // manage sorts this node out first; it counts as surging meanwhile
            } else if (old == null) {
                continue;
            } else if (updated == null) {
                NodeEligibility node = eligible.get(entry.getKey());
                if (node == null || !node.shouldRun()) {
                    continue;
                }
                if (!PodConditions.isAvailable(old, minReadySeconds, now)) {
                    allowed.add(entry.getKey()); // nothing to keep available here: replace it at once
                } else if (surging < maxSurge) {
                    candidates.add(entry.getKey());
                }
            } else if (!PodConditions.isAvailable(updated, minReadySeconds, now)) {
                surging++;
            } else {
                delete.add(old);
            }
        }
        int remaining = Math.max(0, Math.min(maxSurge - surging, candidates.size()));
        allowed.addAll(candidates.subList(0, remaining));
        syncNodes(key, ds, allowed, delete, hash);
    }

    /**
     * A node's live daemon pods split as findUpdatedPodsOnNode does: its updated and its old pod,
     * and whether it has at most one of each (more is for manage to sort out).
     */
    private record NodePods(Pod updated, Pod old, boolean single) {

        static NodePods of(List<Pod> pods, String hash, String generation) {
            Pod updated = null;
            Pod old = null;
            boolean single = true;
            for (Pod pod : pods) {
                if (PodConditions.isTerminating(pod)) {
                    continue;
                }
                if (DaemonPods.isUpdated(pod, hash, generation)) {
                    single &= updated == null;
                    updated = pod;
                } else {
                    single &= old == null;
                    old = pod;
                }
            }
            return new NodePods(updated, old, single);
        }
    }

    /** The in-place half of update.go: replace old pods while few enough nodes are unavailable. */
    private void replacingUpdate(String key, DaemonSet ds, Map<String, List<Pod>> byNode, String hash, int maxUnavailable) {
        String generation = DaemonPods.generation(ds);
        Instant now = clock.instant();
        int minReadySeconds = Objects.requireNonNullElse(ds.getSpec().getMinReadySeconds(), 0);
        int unavailable = 0;
        List<Pod> replace = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> entry : byNode.entrySet()) {
            NodePods found = NodePods.of(entry.getValue(), hash, generation);
            Pod updated = found.updated();
            Pod old = found.old();
            boolean single = found.single();
            if (!single || (old == null) == (updated == null)) {
                unavailable++; // manage sorts this node out first
            } else if (updated != null) {
                if (!PodConditions.isAvailable(updated, minReadySeconds, now)) {
                    unavailable++;
                }
            } else if (!PodConditions.isAvailable(old, minReadySeconds, now)) {
                replace.add(old);
            } else if (unavailable < maxUnavailable) {
                candidates.add(old);
            }
        }
        int budget = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        replace.addAll(candidates.subList(0, budget));
        syncNodes(key, ds, List.of(), replace, hash);
    }

    private static boolean allowsSurge(DaemonSet ds) {
        var rolling = ds.getSpec().getUpdateStrategy().getRollingUpdate();
        IntOrString surge = rolling == null ? null : rolling.getMaxSurge();
        // any non-zero surge allows it, even a percentage that rounds to nothing on few nodes (util.AllowsSurge)
        return "RollingUpdate".equals(ds.getSpec().getUpdateStrategy().getType()) && surge != null && scaled(surge, 100) > 0;
    }

    private static IntOrString maxUnavailableValue(DaemonSet ds) {
        var rolling = ds.getSpec().getUpdateStrategy().getRollingUpdate();
        return rolling == null || rolling.getMaxUnavailable() == null ? new IntOrString(1) : rolling.getMaxUnavailable();
    }

    /** A number or a percentage of the desired number of nodes, rounded up (UnavailableCount, SurgeCount). */
    private static int scaled(IntOrString value, int desired) {
        if (value.getStrVal() != null && value.getStrVal().endsWith("%")) {
            return (int) Math.ceil(Integer.parseInt(value.getStrVal().substring(0, value.getStrVal().length() - 1)) * desired / 100.0);
        }
        return value.getIntVal() != null ? value.getIntVal() : Integer.parseInt(value.getStrVal());
    }

    private void syncNodes(String key, DaemonSet ds, List<String> create, List<Pod> delete, String hash) {
        if (create.isEmpty() && delete.isEmpty()) {
            return;
        }
        expectations.expect(key, create.size(), delete.size());
        for (Pod pod : delete) {
            try {
                if (!podControl.delete(ds, pod)) {
                    expectations.deletionObserved(key);
                }
            } catch (RuntimeException e) {
                expectations.deletionObserved(key);
                throw e;
            }
        }
        SlowStart.Outcome outcome = SlowStart.run(create.size(), i ->
                podControl.create(ds, DaemonPods.newPod(ds, create.get(i), hash, serialization)));
        for (int i = outcome.created(); i < create.size(); i++) {
            expectations.creationObserved(key);
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
    }

    private Duration updateStatus(DaemonSet ds, Map<String, NodeEligibility> eligible, Map<String, List<Pod>> byNode, String hash,
            int collisions) {
        String generation = DaemonPods.generation(ds);
        Instant now = clock.instant();
        int minReadySeconds = Objects.requireNonNullElse(ds.getSpec().getMinReadySeconds(), 0);
        int desired = 0;
        int current = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        int misscheduled = 0;
        for (Map.Entry<String, NodeEligibility> entry : eligible.entrySet()) {
            List<Pod> pods = byNode.getOrDefault(entry.getKey(), List.of());
            if (entry.getValue().shouldRun()) {
                desired++;
                if (!pods.isEmpty()) {
                    current++;
                    Pod oldest = pods.get(0);
                    if (PodConditions.isReady(oldest)) {
                        ready++;
                        available += PodConditions.isAvailable(oldest, minReadySeconds, now) ? 1 : 0;
                    }
                    updated += DaemonPods.isUpdated(oldest, hash, generation) ? 1 : 0;
                }
            } else if (!pods.isEmpty()) {
                misscheduled++;
            }
        }
        DaemonSetStatus old = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        DaemonSetStatus status = new DaemonSetStatusBuilder(old)
                .withDesiredNumberScheduled(desired)
                .withCurrentNumberScheduled(current)
                .withNumberReady(ready)
                .withNumberAvailable(available == 0 ? null : available)
                .withNumberUnavailable(desired - available == 0 ? null : desired - available)
                .withUpdatedNumberScheduled(updated)
                .withNumberMisscheduled(misscheduled)
                .withObservedGeneration(ds.getMetadata().getGeneration())
                .withCollisionCount(collisions == 0 ? old.getCollisionCount() : Integer.valueOf(collisions))
                .build();
        if (!status.equals(old)) {
            DaemonSet copy = serialization.clone(ds);
            copy.setStatus(status);
            client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
        return ready > available && minReadySeconds > 0 ? Duration.ofSeconds(minReadySeconds) : null;
    }
}
