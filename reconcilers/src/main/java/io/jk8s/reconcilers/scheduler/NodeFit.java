package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.jk8s.reconcilers.framework.RequiredNodeAffinity;
import io.jk8s.reconcilers.framework.Tolerations;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduler's filters (kube-scheduler plugins NodeUnschedulable, NodeName, NodeAffinity,
 * TaintToleration, NodeResourcesFit, NodePorts): each returns null when the node fits, or the
 * reason it does not, in the words kube's FailedScheduling event uses.
 */
final class NodeFit {

    private NodeFit() {}

    static String check(Pod pod, Node node, List<Pod> podsOnNode) {
        if (!isReady(node)) {
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
                    return "node(s) had untolerated taint {" + taint.getKey() + (taint.getValue() == null ? "" : ": " + taint.getValue()) + "}";
                }
            }
        }
        Map<String, Quantity> allocatable = Objects.requireNonNullElse(node.getStatus().getAllocatable(), Map.of());
        if (allocatable.containsKey("pods") && podsOnNode.size() + 1 > Quantity.getAmountInBytes(allocatable.get("pods")).intValue()) {
            return "Too many pods";
        }
        for (String resource : List.of("cpu", "memory")) {
            if (allocatable.containsKey(resource)) {
                BigDecimal used = podsOnNode.stream().map(p -> request(p, resource)).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (used.add(request(pod, resource)).compareTo(Quantity.getAmountInBytes(allocatable.get(resource))) > 0) {
                    return "Insufficient " + resource;
                }
            }
        }
        for (Integer port : hostPorts(pod)) {
            if (podsOnNode.stream().anyMatch(p -> hostPorts(p).contains(port))) {
                return "node(s) didn't have free ports for the requested pod ports";
            }
        }
        return null;
    }

    static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static BigDecimal request(Pod pod, String resource) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getResources() != null && c.getResources().getRequests() != null && c.getResources().getRequests().containsKey(resource)) {
                sum = sum.add(Quantity.getAmountInBytes(c.getResources().getRequests().get(resource)));
            }
        }
        return sum;
    }

    private static List<Integer> hostPorts(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .map(ContainerPort::getHostPort).filter(p -> p != null && p > 0).toList();
    }

    private static boolean tolerates(Pod pod, Taint taint) {
        return Tolerations.tolerate(pod.getSpec().getTolerations(), taint);
    }
}
