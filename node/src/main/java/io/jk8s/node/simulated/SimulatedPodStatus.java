package io.jk8s.node.simulated;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The status kubelet would report for a pod whose containers started (Running, Ready) or, for
 * run-to-completion pods, exited 0 (Succeeded), without running anything. Ephemeral containers
 * follow the run-to-completion rule, since kubelet never restarts them: reported running once
 * added, then exited 0.
 */
final class SimulatedPodStatus {

    private SimulatedPodStatus() {}

    static PodStatus running(Pod pod, String hostIp, String podIp, String now) {
        return base(pod, hostIp, podIp, now, "Running", true, now, null);
    }

    static PodStatus succeeded(Pod pod, String now) {
        PodStatus old = pod.getStatus();
        String started = old.getStartTime() != null ? old.getStartTime() : now;
        PodStatus status = base(pod, old.getHostIP(), old.getPodIP(), started, "Succeeded", false, started, now);
        // a finished pod is no longer Ready; kube gives the reason PodCompleted
        status.getConditions().replaceAll(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady")
                ? new PodConditionBuilder(c).withStatus("False").withReason("PodCompleted").withLastTransitionTime(now).build()
                : c);
        return status;
    }

    /** The pod's status with a running status for each ephemeral container not reported yet; null if there is none. */
    static PodStatus ephemeralStarted(Pod pod, String now) {
        List<ContainerStatus> reported = ephemeralStatuses(pod, now, null);
        if (reported.size() == reportedEphemeral(pod).size()) {
            return null;
        }
        return new PodStatusBuilder(pod.getStatus()).withEphemeralContainerStatuses(reported).build();
    }

    /** The pod's status with its running ephemeral containers exited 0; null if none is running. */
    static PodStatus ephemeralCompleted(Pod pod, String now) {
        if (!hasRunningEphemeral(pod)) {
            return null;
        }
        return new PodStatusBuilder(pod.getStatus()).withEphemeralContainerStatuses(ephemeralStatuses(pod, now, now)).build();
    }

    static boolean hasRunningEphemeral(Pod pod) {
        return reportedEphemeral(pod).stream().anyMatch(s -> s.getState() != null && s.getState().getRunning() != null);
    }

    /**
     * One status per ephemeral container: a terminated one stays as it was; with {@code finished},
     * a running one has exited 0, otherwise it keeps running and a new one starts running (one not
     * yet started when the pod finishes is left out). Never ready, and {@code started} is left unset
     * since kubelet's probe manager, which sets it, skips ephemeral containers.
     */
    private static List<ContainerStatus> ephemeralStatuses(Pod pod, String now, String finished) {
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getSpec().getEphemeralContainers() == null) {
            return statuses;
        }
        for (EphemeralContainer e : pod.getSpec().getEphemeralContainers()) {
            ContainerStatus old = reportedEphemeral(pod).stream().filter(s -> s.getName().equals(e.getName())).findFirst().orElse(null);
            ContainerState state = old == null ? null : old.getState();
            if (state != null && state.getTerminated() != null) {
                statuses.add(old);
                continue;
            }
            if (old == null && finished != null) {
                continue;
            }
            String started = state != null && state.getRunning() != null ? state.getRunning().getStartedAt() : now;
            statuses.add(simulatedStatus(pod, e.getName(), e.getImage(), false, started, finished).withStarted(null).build());
        }
        return statuses;
    }

    private static List<ContainerStatus> reportedEphemeral(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getEphemeralContainerStatuses() == null
                ? List.of() : pod.getStatus().getEphemeralContainerStatuses();
    }

    private static ContainerStatusBuilder simulatedStatus(Pod pod, String name, String image, boolean ready, String started,
            String finished) {
        String containerId = "simulated://" + pod.getMetadata().getUid() + "/" + name;
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(name)
                .withImage(image)
                .withImageID("simulated://" + image)
                .withContainerID(containerId)
                .withReady(ready)
                .withStarted(ready)
                .withRestartCount(0);
        if (finished == null) {
            status.withNewState().withNewRunning().withStartedAt(started).endRunning().endState();
        } else {
            status.withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withStartedAt(started)
                    .withFinishedAt(finished).withContainerID(containerId).endTerminated().endState();
        }
        return status;
    }

    private static PodStatus base(Pod pod, String hostIp, String podIp, String startTime, String phase, boolean ready,
            String started, String finished) {
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            containers.add(simulatedStatus(pod, c.getName(), c.getImage(), ready, started, finished).build());
        }
        List<PodCondition> conditions = List.of(
                condition("PodReadyToStartContainers", "True", startTime),
                condition("Initialized", "True", startTime),
                condition("Ready", "True", startTime),
                condition("ContainersReady", "True", startTime),
                condition("PodScheduled", "True", startTime));
        return new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(new ArrayList<>(conditions))
                .withHostIP(hostIp)
                .withHostIPs(new io.fabric8.kubernetes.api.model.HostIPBuilder().withIp(hostIp).build())
                .withPodIP(podIp)
                .withPodIPs(new PodIPBuilder().withIp(podIp).build())
                .withStartTime(startTime)
                .withContainerStatuses(containers)
                .withEphemeralContainerStatuses(ephemeralStatuses(pod, started, finished))
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .build();
    }

    private static PodCondition condition(String type, String status, String time) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(time).build();
    }
}
