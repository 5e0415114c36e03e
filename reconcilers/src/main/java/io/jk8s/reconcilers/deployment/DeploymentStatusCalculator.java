package io.jk8s.reconcilers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deployment status as kube's controller writes it, including the Available and Progressing
 * conditions with their reasons and messages, which {@code kubectl rollout status} and
 * {@code kubectl describe} show.
 */
final class DeploymentStatusCalculator {

    /** The status to write (if changed) and when to look again for the progress deadline. */
    record Next(DeploymentStatus status, boolean changed, Duration recheckAfter) {}

    private final Clock clock;

    DeploymentStatusCalculator(Clock clock) {
        this.clock = clock;
    }

    Next next(Deployment d, ReplicaSet newRs, List<ReplicaSet> all, boolean newRsCreated) {
        int replicas = ReplicaPlan.replicas(d);
        int current = all.stream().mapToInt(ReplicaPlan::current).sum();
        int ready = all.stream().mapToInt(rs -> rs.getStatus() == null ? 0 : Objects.requireNonNullElse(rs.getStatus().getReadyReplicas(), 0)).sum();
        int available = all.stream().mapToInt(ReplicaPlan::available).sum();
        int updated = newRs == null ? 0 : ReplicaPlan.current(newRs);
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();

        List<DeploymentCondition> conditions = new ArrayList<>();
        boolean minimumAvailable = available >= replicas - ReplicaPlan.maxUnavailable(d);
        conditions.add(condition(old, "Available", minimumAvailable ? "True" : "False",
                minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimumAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now, false));
        Duration recheck = null;
        if (newRs != null) {
            String name = newRs.getMetadata().getName();
            boolean complete = updated == replicas && available >= replicas && current == replicas;
            boolean progressed = updated != nz(old.getUpdatedReplicas()) || available != nz(old.getAvailableReplicas())
                    || current != nz(old.getReplicas()) || newRsCreated;
            DeploymentCondition previous = find(old, "Progressing");
            int deadline = Objects.requireNonNullElse(d.getSpec().getProgressDeadlineSeconds(), 600);
            if (newRsCreated) {
                conditions.add(condition(old, "Progressing", "True", "NewReplicaSetCreated",
                        "Created new replica set \"" + name + "\"", now, true));
            } else if (complete) {
                conditions.add(condition(old, "Progressing", "True", "NewReplicaSetAvailable",
                        "ReplicaSet \"" + name + "\" has successfully progressed.", now, progressed));
            } else if (!progressed && previous != null && previous.getLastUpdateTime() != null
                    && Instant.parse(previous.getLastUpdateTime()).plusSeconds(deadline).isBefore(clock.instant())) {
                conditions.add(condition(old, "Progressing", "False", "ProgressDeadlineExceeded",
                        "ReplicaSet \"" + name + "\" has timed out progressing.", now, false));
            } else {
                conditions.add(condition(old, "Progressing", "True", "ReplicaSetUpdated",
                        "ReplicaSet \"" + name + "\" is progressing.", now, progressed));
                recheck = Duration.ofSeconds(deadline + 1L);
            }
        }
        DeploymentStatus next = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(current)
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, replicas - available) == 0 ? null : Math.max(0, replicas - available))
                .withCollisionCount(old.getCollisionCount())
                .withConditions(conditions)
                .build();
        return new Next(next, !next.equals(old), recheck);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    private static DeploymentCondition find(DeploymentStatus status, String type) {
        return status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** Keeps lastTransitionTime while the status stays, and lastUpdateTime unless {@code touched}. */
    private static DeploymentCondition condition(DeploymentStatus old, String type, String status, String reason,
            String message, String now, boolean touched) {
        DeploymentCondition previous = find(old, type);
        boolean same = previous != null && status.equals(previous.getStatus()) && reason.equals(previous.getReason())
                && message.equals(previous.getMessage());
        String transition = previous != null && status.equals(previous.getStatus()) ? previous.getLastTransitionTime() : now;
        String update = same && !touched ? previous.getLastUpdateTime() : now;
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).withLastUpdateTime(update).build();
    }
}
