package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.jk8s.node.kubelet.prober.ProbeResults;
import io.jk8s.node.runtime.PodSandbox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The pod status kubelet would report for what the pod worker found, after kubelet's
 * {@code generateAPIPodStatus}, {@code getPhase} and the condition generators in
 * {@code pkg/kubelet/status/generate.go}. A condition keeps its lastTransitionTime while its
 * status does not change, so an unchanged pod produces an equal status and no write.
 */
final class PodStatusGenerator {

    private PodStatusGenerator() {}

    static PodStatus generate(Pod pod, PodSandbox sandbox, List<ContainerView> init, List<ContainerView> app,
                              String hostIp, Instant now) {
        return generate(pod, sandbox, init, app, List.of(), hostIp, now, ProbeResults.NONE);
    }

    /** @param ephemeral reported in ephemeralContainerStatuses; they count for neither the phase nor readiness */
    static PodStatus generate(Pod pod, PodSandbox sandbox, List<ContainerView> init, List<ContainerView> app,
                              List<ContainerView> ephemeral, String hostIp, Instant now, ProbeResults probes) {
        PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = phase(pod.getSpec().getRestartPolicy(), init, app);
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        String podIp = sandbox == null ? old.getPodIP() : sandbox.ip();
        List<String> incomplete = init.stream().filter(v -> !v.succeeded()).map(ContainerView::name).toList();
        List<String> unready = app.stream().filter(v -> !ready(v, probes)).map(ContainerView::name).toList();
        String time = format(now);
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "PodReadyToStartContainers", sandbox != null && sandbox.ip() != null, null, null, time));
        conditions.add(condition(old, "Initialized", incomplete.isEmpty() || terminal, "ContainersNotInitialized",
                "containers with incomplete status: " + names(incomplete), time));
        String notReadyReason = terminal ? "PodCompleted" : "ContainersNotReady";
        String notReadyMessage = terminal ? null : "containers with unready status: " + names(unready);
        boolean ready = unready.isEmpty() && !terminal;
        conditions.add(condition(old, "Ready", ready, notReadyReason, notReadyMessage, time));
        conditions.add(condition(old, "ContainersReady", ready, notReadyReason, notReadyMessage, time));
        conditions.add(old.getConditions() == null ? null : old.getConditions().stream()
                .filter(c -> c.getType().equals("PodScheduled")).findFirst()
                .orElse(condition(old, "PodScheduled", true, null, null, time)));
        conditions.removeIf(Objects::isNull);
        PodStatusBuilder status = new PodStatusBuilder(old)
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(hostIp)
                .withHostIPs(new HostIPBuilder().withIp(hostIp).build())
                .withStartTime(old.getStartTime() != null ? old.getStartTime() : time)
                .withInitContainerStatuses(init.stream().map(v -> containerStatus(v, ProbeResults.NONE)).toList())
                .withContainerStatuses(app.stream().map(v -> containerStatus(v, probes)).toList())
                .withEphemeralContainerStatuses(ephemeral.stream().map(PodStatusGenerator::ephemeralStatus).toList());
        if (podIp != null) {
            status.withPodIP(podIp).withPodIPs(new PodIPBuilder().withIp(podIp).build());
        }
        return status.build();
    }

    /** kubelet's getPhase: a crash-looping container counts as stopped, not waiting, so the pod stays Running. */
    static String phase(String restartPolicy, List<ContainerView> init, List<ContainerView> app) {
        boolean never = "Never".equals(restartPolicy);
        for (ContainerView v : init) {
            if (v.terminated() && v.current().exitCode() != 0 && never) {
                return "Failed";
            }
            if (!v.succeeded()) {
                return "Pending";
            }
        }
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        for (ContainerView v : app) {
            if (v.running()) {
                running++;
            } else if (v.terminated()) {
                stopped++;
                succeeded += v.current().exitCode() == 0 ? 1 : 0;
            } else if ("CrashLoopBackOff".equals(v.waitingReason())) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0 || "Always".equals(restartPolicy) || restartPolicy == null) {
            return "Running";
        }
        if (stopped == succeeded) {
            return "Succeeded";
        }
        return never ? "Failed" : "Running";
    }

    /** Running, past its startup probe and passing its readiness probe (kubelet's status manager). */
    private static boolean ready(ContainerView v, ProbeResults probes) {
        return v.running() && probes.started(v.current().id()) && probes.ready(v.current().id());
    }

    /** An ephemeral container is never ready, and the probe manager, which sets started, does not look at it. */
    private static ContainerStatus ephemeralStatus(ContainerView v) {
        ContainerStatus status = containerStatus(v, ProbeResults.NONE);
        status.setReady(false);
        status.setStarted(null);
        return status;
    }

    private static ContainerStatus containerStatus(ContainerView v, ProbeResults probes) {
        io.jk8s.node.runtime.ContainerStatus c = v.current();
        String containerId = c == null ? null : "docker://" + c.id();
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(v.name())
                .withImage(v.image())
                .withImageID(c == null ? "" : c.imageId())
                .withContainerID(containerId)
                .withReady(ready(v, probes))
                .withStarted(v.running() && probes.started(c.id()))
                .withRestartCount(v.restartCount());
        if (v.waitingReason() != null) {
            status.withState(new ContainerStateBuilder().withNewWaiting().withReason(v.waitingReason())
                    .withMessage(v.waitingMessage()).endWaiting().build());
            if ("CrashLoopBackOff".equals(v.waitingReason()) && c != null) {
                status.withLastState(new ContainerStateBuilder().withTerminated(terminated(c)).build());
            }
        } else if (v.running()) {
            status.withState(new ContainerStateBuilder().withNewRunning().withStartedAt(format(c.startedAt())).endRunning().build());
        } else if (v.terminated()) {
            status.withState(new ContainerStateBuilder().withTerminated(terminated(c)).build());
        }
        if (v.previous() != null && !"CrashLoopBackOff".equals(v.waitingReason())) {
            status.withLastState(new ContainerStateBuilder().withTerminated(terminated(v.previous())).build());
        }
        return status.build();
    }

    private static ContainerStateTerminated terminated(io.jk8s.node.runtime.ContainerStatus c) {
        return new ContainerStateTerminatedBuilder().withExitCode(c.exitCode()).withReason(c.reason()).withMessage(c.message())
                .withStartedAt(format(c.startedAt())).withFinishedAt(format(c.finishedAt()))
                .withContainerID("docker://" + c.id()).build();
    }

    private static PodCondition condition(PodStatus old, String type, boolean isTrue, String reason, String message, String now) {
        String status = isTrue ? "True" : "False";
        PodCondition previous = old.getConditions() == null ? null
                : old.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
        String since = previous != null && status.equals(previous.getStatus()) ? previous.getLastTransitionTime() : now;
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(since)
                .withReason(isTrue ? null : reason).withMessage(isTrue ? null : message).build();
    }

    private static String names(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    static String format(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
