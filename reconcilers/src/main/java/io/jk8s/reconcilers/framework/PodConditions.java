package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;

/** Pod state as controllers judge it (kube's podutil). */
public final class PodConditions {

    private PodConditions() {}

    /** Neither terminating nor finished: counts toward replicas. */
    public static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** Running with Ready=True (kube's podutil.IsPodReady plus the Running phase). */
    public static boolean isRunningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && isReady(pod);
    }

    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Succeeded or Failed: the pod will not run again. */
    public static boolean isFinished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public static boolean isReady(Pod pod) {
        return readyCondition(pod) != null;
    }

    /** Ready for at least {@code minReadySeconds}. */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        PodCondition ready = readyCondition(pod);
        if (ready == null) {
            return false;
        }
        if (minReadySeconds == 0 || ready.getLastTransitionTime() == null) {
            return minReadySeconds == 0;
        }
        return !Instant.parse(ready.getLastTransitionTime()).plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
    }

    private static PodCondition readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst().orElse(null);
    }
}
