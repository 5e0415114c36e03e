package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.jk8s.reconcilers.framework.RequiredNodeAffinity;
import io.jk8s.reconcilers.framework.Tolerations;

/**
 * The scheduler's filters (kube-scheduler plugins NodeUnschedulable, NodeName, NodeAffinity,
 * TaintToleration, NodeResourcesFit, NodePorts): each returns null when the node fits, or the
 * reason it does not, in the words kube's FailedScheduling event uses.
 */
final class NodeFit {

    private NodeFit() {}

    static String check(Pod pod, PodRequests requests, NodeInfo info) {
        Node node = info.node;
        if (!info.ready) {
            return "node(s) were not ready";
        }
        NodeSpec spec = node.getSpec() == null ? new NodeSpec() : node.getSpec();
        if (Boolean.TRUE.equals(spec.getUnschedulable()) && !tolerates(pod, new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null))) {
            return "node(s) were unschedulable";
        }
        if (!RequiredNodeAffinity.matches(pod.getSpec(), node)) {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        if (spec.getTaints() != null) {
            for (Taint taint : spec.getTaints()) {
                if (!"PreferNoSchedule".equals(taint.getEffect()) && !tolerates(pod, taint)) {
                    return "node(s) had untolerated taint {" + taint.getKey() + ": " + (taint.getValue() == null ? "" : taint.getValue()) + "}";
                }
            }
        }
        if (info.allocatablePods >= 0 && info.pods + 1 > info.allocatablePods) {
            return "Too many pods";
        }
        if (info.allocatableCpuMillis >= 0 && info.requestedCpuMillis + requests.cpuMillis() > info.allocatableCpuMillis) {
            return "Insufficient cpu";
        }
        if (info.allocatableMemoryBytes >= 0 && info.requestedMemoryBytes + requests.memoryBytes() > info.allocatableMemoryBytes) {
            return "Insufficient memory";
        }
        for (Integer port : requests.hostPorts()) {
            if (info.hostPorts.containsKey(port)) {
                return "node(s) didn't have free ports for the requested pod ports";
            }
        }
        return null;
    }

    /**
     * Whether evicting lower-priority pods could make the node fit: only for the resource and port
     * filters, whose failures kube reports as Unschedulable rather than UnschedulableAndUnresolvable.
     */
    static boolean preemptionMayHelp(String reason) {
        return RESOLVABLE.contains(reason);
    }

    private static final java.util.Set<String> RESOLVABLE = java.util.Set.of("Too many pods", "Insufficient cpu", "Insufficient memory",
            "node(s) didn't have free ports for the requested pod ports");

    static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean tolerates(Pod pod, Taint taint) {
        return Tolerations.tolerate(pod.getSpec().getTolerations(), taint);
    }
}
