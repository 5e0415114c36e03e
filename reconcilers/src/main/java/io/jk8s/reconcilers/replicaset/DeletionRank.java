package io.jk8s.reconcilers.replicaset;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.reconcilers.framework.PodConditions;
import java.util.Comparator;
import java.util.Map;

/**
 * Which pods a scale-down removes first (kube's ActivePods ordering): unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready, more restarts first,
 * newer before older.
 */
final class DeletionRank {

    private static final Map<String, Integer> PHASE = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    static final Comparator<Pod> ORDER = Comparator
            .comparing((Pod p) -> p.getSpec() != null && p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty())
            .thenComparing(p -> PHASE.getOrDefault(p.getStatus() == null ? "Pending" : p.getStatus().getPhase(), 0))
            .thenComparing(PodConditions::isReady)
            .thenComparing(DeletionRank::restarts, Comparator.reverseOrder())
            .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp(),
                    Comparator.reverseOrder());

    private DeletionRank() {}

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().mapToInt(ContainerStatus::getRestartCount).sum();
    }
}
