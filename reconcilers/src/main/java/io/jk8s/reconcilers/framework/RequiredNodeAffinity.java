package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a pod may run on a node by its {@code nodeSelector} and required node affinity
 * (component-helpers' nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)), as the scheduler
 * and the DaemonSet controller both judge it. Terms are ORed, the requirements of a term ANDed;
 * {@code matchFields} knows {@code metadata.name}, the one field kube supports.
 */
public final class RequiredNodeAffinity {

    private RequiredNodeAffinity() {}

    public static boolean matches(PodSpec pod, Node node) {
        Map<String, String> labels = Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
        if (pod.getNodeSelector() != null && !labels.entrySet().containsAll(pod.getNodeSelector().entrySet())) {
            return false;
        }
        var affinity = pod.getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        Map<String, String> fields = Map.of("metadata.name", node.getMetadata().getName());
        return terms != null && terms.stream().anyMatch(term -> matches(term, labels, fields));
    }

    /** A term without requirements matches no node. */
    private static boolean matches(NodeSelectorTerm term, Map<String, String> labels, Map<String, String> fields) {
        List<NodeSelectorRequirement> expressions = Objects.requireNonNullElse(term.getMatchExpressions(), List.of());
        List<NodeSelectorRequirement> fieldRequirements = Objects.requireNonNullElse(term.getMatchFields(), List.of());
        if (expressions.isEmpty() && fieldRequirements.isEmpty()) {
            return false;
        }
        return expressions.stream().allMatch(r -> matches(r, labels)) && fieldRequirements.stream().allMatch(r -> matches(r, fields));
    }

    private static boolean matches(NodeSelectorRequirement r, Map<String, String> values) {
        String value = values.get(r.getKey());
        List<String> wanted = Objects.requireNonNullElse(r.getValues(), List.of());
        return switch (r.getOperator()) {
            case "In" -> value != null && wanted.contains(value);
            case "NotIn" -> value == null || !wanted.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && !wanted.isEmpty() && parse(value) > parse(wanted.get(0));
            case "Lt" -> value != null && !wanted.isEmpty() && parse(value) < parse(wanted.get(0));
            default -> false;
        };
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
