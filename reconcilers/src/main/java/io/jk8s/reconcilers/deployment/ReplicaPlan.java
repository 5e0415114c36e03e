package io.jk8s.reconcilers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many replicas each ReplicaSet of a Deployment should have next (kube's rolling.go and
 * recreate.go): one step of the rollout, computed from the observed state only.
 */
final class ReplicaPlan {

    private ReplicaPlan() {}

    static int replicas(Deployment d) {
        return Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    }

    static boolean isRecreate(Deployment d) {
        return d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
    }

    static int maxSurge(Deployment d) {
        if (isRecreate(d)) {
            return 0;
        }
        int surge = resolve(rolling(d, true), replicas(d), true);
        int unavailable = resolve(rolling(d, false), replicas(d), false);
        return surge == 0 && unavailable == 0 ? 0 : surge;
    }

    static int maxUnavailable(Deployment d) {
        if (isRecreate(d)) {
            return replicas(d);
        }
        int surge = resolve(rolling(d, true), replicas(d), true);
        int unavailable = resolve(rolling(d, false), replicas(d), false);
        // both zero would deadlock a rollout; kube then allows one unavailable
        return surge == 0 && unavailable == 0 ? 1 : Math.min(unavailable, replicas(d));
    }

    private static IntOrString rolling(Deployment d, boolean surge) {
        var strategy = d.getSpec().getStrategy();
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        IntOrString value = rolling == null ? null : surge ? rolling.getMaxSurge() : rolling.getMaxUnavailable();
        return value != null ? value : new IntOrString("25%");
    }

    /** An absolute number or a percentage of {@code total}; surge rounds up, unavailability down. */
    static int resolve(IntOrString value, int total, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        if (!text.endsWith("%")) {
            return Integer.parseInt(text);
        }
        double scaled = Integer.parseInt(text.substring(0, text.length() - 1)) * total / 100.0;
        return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }

    static int specReplicas(ReplicaSet rs) {
        return Objects.requireNonNullElse(rs.getSpec().getReplicas(), 0);
    }

    static int available(ReplicaSet rs) {
        return rs.getStatus() == null ? 0 : Objects.requireNonNullElse(rs.getStatus().getAvailableReplicas(), 0);
    }

    static int current(ReplicaSet rs) {
        return rs.getStatus() == null ? 0 : Objects.requireNonNullElse(rs.getStatus().getReplicas(), 0);
    }

    /** Target replicas by ReplicaSet name for one step; only changed entries matter to the caller. */
    static Map<String, Integer> next(Deployment d, ReplicaSet newRs, List<ReplicaSet> old) {
        Map<String, Integer> target = new LinkedHashMap<>();
        target.put(newRs.getMetadata().getName(), specReplicas(newRs));
        List<ReplicaSet> oldestFirst = old.stream()
                .sorted(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp(),
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        oldestFirst.forEach(rs -> target.put(rs.getMetadata().getName(), specReplicas(rs)));
        int replicas = replicas(d);
        if (isRecreate(d)) {
            oldestFirst.forEach(rs -> target.put(rs.getMetadata().getName(), 0));
            boolean oldPodsGone = oldestFirst.stream().allMatch(rs -> current(rs) == 0);
            if (oldPodsGone) {
                target.put(newRs.getMetadata().getName(), replicas);
            }
            return target;
        }
        // scale the new ReplicaSet up, within replicas + maxSurge in total
        int total = target.values().stream().mapToInt(Integer::intValue).sum();
        int newCount = specReplicas(newRs);
        if (newCount > replicas) {
            newCount = replicas;
        } else if (newCount < replicas) {
            int room = replicas + maxSurge(d) - total;
            newCount += Math.max(0, Math.min(room, replicas - newCount));
        }
        target.put(newRs.getMetadata().getName(), newCount);
        // scale old ones down, keeping replicas - maxUnavailable available: first their
        // unavailable pods, then available ones, oldest ReplicaSets first
        int minAvailable = replicas - maxUnavailable(d);
        int allPods = target.values().stream().mapToInt(Integer::intValue).sum();
        int newUnavailable = Math.max(0, newCount - available(newRs));
        int budget = allPods - minAvailable - newUnavailable;
        for (ReplicaSet rs : oldestFirst) {
            int count = target.get(rs.getMetadata().getName());
            int unhealthy = Math.max(0, count - available(rs));
            int cut = Math.max(0, Math.min(budget, unhealthy));
            target.put(rs.getMetadata().getName(), count - cut);
            budget -= cut;
        }
        int availableAll = available(newRs) + oldestFirst.stream().mapToInt(ReplicaPlan::available).sum();
        int availableBudget = availableAll - minAvailable;
        for (ReplicaSet rs : oldestFirst) {
            int count = target.get(rs.getMetadata().getName());
            int cut = Math.max(0, Math.min(availableBudget, count));
            target.put(rs.getMetadata().getName(), count - cut);
            availableBudget -= cut;
        }
        return target;
    }
}
