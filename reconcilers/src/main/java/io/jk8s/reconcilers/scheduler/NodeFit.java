package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
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
        Map<String, String> labels = Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null && !labels.entrySet().containsAll(selector.entrySet())) {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        if (!requiredAffinityMatches(pod, labels)) {
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
        List<Toleration> tolerations = pod.getSpec().getTolerations();
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            boolean effect = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
            boolean key = t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey());
            boolean value = "Exists".equals(t.getOperator()) || Objects.equals(Objects.requireNonNullElse(t.getValue(), ""),
                    Objects.requireNonNullElse(taint.getValue(), ""));
            if (effect && key && value) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiredAffinityMatches(Pod pod, Map<String, String> labels) {
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        // terms are ORed, requirements within a term ANDed
        return terms.stream().anyMatch(term -> term.getMatchExpressions() != null
                && term.getMatchExpressions().stream().allMatch(r -> matches(r, labels)));
    }

    private static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        return switch (r.getOperator()) {
            case "In" -> value != null && r.getValues().contains(value);
            case "NotIn" -> value == null || !r.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && Long.parseLong(value) > Long.parseLong(r.getValues().get(0));
            case "Lt" -> value != null && Long.parseLong(value) < Long.parseLong(r.getValues().get(0));
            default -> false;
        };
    }
}
