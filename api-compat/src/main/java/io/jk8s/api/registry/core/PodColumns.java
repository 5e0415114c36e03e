package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod table, computed like printers.go's printPod: READY counts ready containers, STATUS is the
 * most telling reason (a waiting or terminated container's reason, init progress, Terminating),
 * RESTARTS adds when the last restart was.
 */
final class PodColumns {

    private PodColumns() {}

    /** The cells printPod computes together. */
    private record Summary(String ready, String status, String restarts) {}

    static List<TableColumn<Pod>> columns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.",
                        (p, now) -> summarize(p, now).ready()),
                TableColumn.of("Status", "string", "The aggregate status of the containers in this pod.",
                        (p, now) -> summarize(p, now).status()),
                TableColumn.of("Restarts", "string", "The number of times the containers in this pod have been restarted "
                        + "and when the last container in this pod has restarted.", (p, now) -> summarize(p, now).restarts()),
                StandardColumns.age(),
                TableColumn.<Pod>of("IP", "string", "podIP address allocated to the pod. Routable at least within the "
                        + "cluster. Empty if not yet allocated.", (p, now) -> orNone(podIp(status(p)))).priority(1),
                TableColumn.<Pod>of("Node", "string", "NodeName indicates in which node this pod is scheduled.",
                        (p, now) -> orNone(spec(p).getNodeName())).priority(1),
                TableColumn.<Pod>of("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts "
                        + "other pods on the node.", (p, now) -> orNone(status(p).getNominatedNodeName())).priority(1),
                TableColumn.<Pod>of("Readiness Gates", "string", "If specified, all readiness gates will be evaluated "
                        + "for pod readiness.", (p, now) -> readinessGates(p)).priority(1));
    }

    private static Summary summarize(Pod pod, Instant now) {
        PodSpec spec = spec(pod);
        PodStatus status = status(pod);
        List<Container> initContainers = PodSpecDefaults.orEmpty(spec.getInitContainers());
        Map<String, Container> initByName = new HashMap<>();
        int total = PodSpecDefaults.orEmpty(spec.getContainers()).size();
        for (Container c : initContainers) {
            initByName.put(c.getName(), c);
            if (restartable(c)) {
                total++;
            }
        }
        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        String lastRestart = null;
        String lastSidecarRestart = null;
        String reason = status.getReason() != null && !status.getReason().isEmpty() ? status.getReason()
                : status.getPhase() == null ? "" : status.getPhase();
        for (PodCondition c : PodSpecDefaults.orEmpty(status.getConditions())) {
            if ("PodScheduled".equals(c.getType()) && "SchedulingGated".equals(c.getReason())) {
                reason = "SchedulingGated";
            }
        }
        boolean initializing = false;
        List<ContainerStatus> initStatuses = PodSpecDefaults.orEmpty(status.getInitContainerStatuses());
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus c = initStatuses.get(i);
            restarts += count(c.getRestartCount());
            lastRestart = later(lastRestart, lastTermination(c));
            boolean sidecar = restartable(initByName.get(c.getName()));
            if (sidecar) {
                sidecarRestarts += count(c.getRestartCount());
                lastSidecarRestart = later(lastSidecarRestart, lastTermination(c));
            }
            var terminated = c.getState() == null ? null : c.getState().getTerminated();
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (terminated != null && count(terminated.getExitCode()) == 0) {
                continue;
            } else if (sidecar && Boolean.TRUE.equals(c.getStarted())) {
                if (Boolean.TRUE.equals(c.getReady())) {
                    ready++;
                }
                continue;
            } else if (terminated != null) {
                reason = isEmpty(terminated.getReason())
                        ? (count(terminated.getSignal()) != 0 ? "Init:Signal:" + terminated.getSignal()
                        : "Init:ExitCode:" + count(terminated.getExitCode()))
                        : "Init:" + terminated.getReason();
            } else if (waiting != null && !isEmpty(waiting.getReason()) && !"PodInitializing".equals(waiting.getReason())) {
                reason = "Init:" + waiting.getReason();
            } else {
                reason = "Init:" + i + "/" + initContainers.size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = PodSpecDefaults.orEmpty(status.getContainerStatuses());
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus c = statuses.get(i);
                restarts += count(c.getRestartCount());
                lastRestart = later(lastRestart, lastTermination(c));
                var state = c.getState();
                if (state != null && state.getWaiting() != null && !isEmpty(state.getWaiting().getReason())) {
                    reason = state.getWaiting().getReason();
                } else if (state != null && state.getTerminated() != null && !isEmpty(state.getTerminated().getReason())) {
                    reason = state.getTerminated().getReason();
                } else if (state != null && state.getTerminated() != null) {
                    reason = count(state.getTerminated().getSignal()) != 0 ? "Signal:" + state.getTerminated().getSignal()
                            : "ExitCode:" + count(state.getTerminated().getExitCode());
                } else if (Boolean.TRUE.equals(c.getReady()) && state != null && state.getRunning() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if ("NodeLost".equals(status.getReason())) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(status.getPhase()) && !"Failed".equals(status.getPhase())) {
                reason = "Terminating";
            }
        }
        String restartText = restarts != 0 && lastRestart != null
                ? restarts + " (" + StandardColumns.age(lastRestart, now) + " ago)" : Integer.toString(restarts);
        return new Summary(ready + "/" + total, reason, restartText);
    }

    private static String readinessGates(Pod pod) {
        List<PodReadinessGate> gates = PodSpecDefaults.orEmpty(spec(pod).getReadinessGates());
        if (gates.isEmpty()) {
            return "<none>";
        }
        long trueConditions = gates.stream().filter(g -> conditionTrue(status(pod), g.getConditionType())).count();
        return trueConditions + "/" + gates.size();
    }

    private static boolean restartable(Container container) {
        return container != null && "Always".equals(container.getRestartPolicy());
    }

    /** The first condition of that type decides, as upstream. */
    private static boolean conditionTrue(PodStatus status, String type) {
        return PodSpecDefaults.orEmpty(status.getConditions()).stream().filter(c -> type.equals(c.getType())).findFirst()
                .map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static String lastTermination(ContainerStatus c) {
        return c.getLastState() == null || c.getLastState().getTerminated() == null ? null
                : c.getLastState().getTerminated().getFinishedAt();
    }

    private static String later(String a, String b) {
        if (isEmpty(b)) {
            return a;
        }
        return a == null || Instant.parse(b).isAfter(Instant.parse(a)) ? b : a;
    }

    private static String podIp(PodStatus status) {
        return status.getPodIPs() == null || status.getPodIPs().isEmpty() ? null : status.getPodIPs().get(0).getIp();
    }

    static PodSpec spec(Pod pod) {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }

    static PodStatus status(Pod pod) {
        return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    static String orNone(String value) {
        return isEmpty(value) ? "<none>" : value;
    }
}
