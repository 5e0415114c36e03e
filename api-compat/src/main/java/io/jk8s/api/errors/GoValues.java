package io.jk8s.api.errors;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Values as Go's {@code %#v} prints them, which is how kube's field errors show maps, slices and
 * structs ({@code Invalid value: map[string]string{"app":"b"}: ...}).
 */
public final class GoValues {

    private GoValues() {}

    public static String map(Map<String, String> map) {
        if (map == null) {
            return "map[string]string(nil)";
        }
        return new TreeMap<>(map).entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    public static String strings(List<String> values) {
        if (values == null) {
            return "[]string(nil)";
        }
        return values.stream().map(GoValues::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }

    /** A *metav1.LabelSelector as the field error shows it. */
    public static String labelSelector(LabelSelector selector) {
        if (selector == null) {
            return "(*v1.LabelSelector)(nil)";
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        String requirements = expressions == null || expressions.isEmpty() ? "[]v1.LabelSelectorRequirement(nil)"
                : expressions.stream().map(r -> "v1.LabelSelectorRequirement{Key:" + quote(r.getKey()) + ", Operator:"
                        + quote(r.getOperator()) + ", Values:" + strings(r.getValues()) + "}")
                .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
        Map<String, String> labels = selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()
                ? null : selector.getMatchLabels();
        return "&v1.LabelSelector{MatchLabels:" + map(labels) + ", MatchExpressions:" + requirements + "}";
    }

    /** A Go string literal, as {@code %q} and the {@code %#v} of a string field print it. */
    public static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
