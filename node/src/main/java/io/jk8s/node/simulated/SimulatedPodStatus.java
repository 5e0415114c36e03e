package io.jk8s.node.simulated;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
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
 * run-to-completion pods, exited 0 (Succeeded), without running anything.
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

    private static PodStatus base(Pod pod, String hostIp, String podIp, String startTime, String phase, boolean ready,
            String started, String finished) {
        List<ContainerStatus> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            ContainerStatusBuilder status = new ContainerStatusBuilder()
                    .withName(c.getName())
                    .withImage(c.getImage())
                    .withImageID("simulated://" + c.getImage())
                    .withContainerID("simulated://" + pod.getMetadata().getUid() + "/" + c.getName())
                    .withReady(ready)
                    .withStarted(ready)
                    .withRestartCount(0);
            if (finished == null) {
                status.withNewState().withNewRunning().withStartedAt(started).endRunning().endState();
            } else {
                status.withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withStartedAt(started)
                        .withFinishedAt(finished).withContainerID("simulated://" + pod.getMetadata().getUid() + "/" + c.getName())
                        .endTerminated().endState();
            }
            containers.add(status.build());
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
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .build();
    }

    private static PodCondition condition(String type, String status, String time) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(time).build();
    }
}
