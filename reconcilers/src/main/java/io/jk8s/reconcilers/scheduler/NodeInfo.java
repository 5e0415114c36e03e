package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One node as the scheduler sees it (kube-scheduler's NodeInfo): its allocatable cpu, memory and
 * pod count (-1 where the node reports none) and the running sums of the pods bound to it or
 * assumed there, kept up to date by {@link SchedulerCache} as pods come and go.
 */
final class NodeInfo {

    Node node;
    /** The Ready condition as of the node's resource version, so a scheduling cycle does not search the conditions again. */
    boolean ready;
    /** Whether the node is in the cache's current snapshot. */
    boolean listed;
    long allocatableCpuMillis;
    long allocatableMemoryBytes;
    long allocatablePods;
    private String capacityVersion;
    int pods;
    long requestedCpuMillis;
    long requestedMemoryBytes;
    final Map<Integer, Integer> hostPorts = new HashMap<>();
    final Map<String, Integer> podsByOwner = new HashMap<>();

    /** Takes the node's latest state; parses its allocatable only when the node changed. */
    void setNode(Node node) {
        this.node = node;
        String version = node.getMetadata().getResourceVersion();
        if (version != null && version.equals(capacityVersion)) {
            return;
        }
        capacityVersion = version;
        ready = NodeFit.isReady(node);
        Map<String, Quantity> allocatable = node.getStatus() == null ? Map.of()
                : Objects.requireNonNullElse(node.getStatus().getAllocatable(), Map.of());
        allocatableCpuMillis = allocatable.containsKey("cpu") ? PodRequests.millis(allocatable.get("cpu")) : -1;
        allocatableMemoryBytes = allocatable.containsKey("memory") ? PodRequests.bytes(allocatable.get("memory")) : -1;
        allocatablePods = allocatable.containsKey("pods") ? PodRequests.bytes(allocatable.get("pods")) : -1;
    }

    void add(PodRequests pod) {
        change(pod, 1);
    }

    void remove(PodRequests pod) {
        change(pod, -1);
    }

    private void change(PodRequests pod, int sign) {
        pods += sign;
        requestedCpuMillis += sign * pod.cpuMillis();
        requestedMemoryBytes += sign * pod.memoryBytes();
        for (Integer port : pod.hostPorts()) {
            hostPorts.merge(port, sign, (a, b) -> a + b == 0 ? null : a + b);
        }
        if (pod.ownerUid() != null) {
            podsByOwner.merge(pod.ownerUid(), sign, (a, b) -> a + b == 0 ? null : a + b);
        }
    }
}
