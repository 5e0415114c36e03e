package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Selectors as strings, the way apimachinery prints them (labels.Selector.String(): requirements
 * sorted by key; {@code k=v}, {@code k in (a,b)}, {@code k notin (a)}, {@code k}, {@code !k}).
 */
public final class LabelSelectorStrings {

    private LabelSelectorStrings() {}

    /** metav1.LabelSelectorAsSelector(s).String(): "" for a nil or empty selector. */
    public static String of(LabelSelector selector) {
        if (selector == null) {
            return "";
        }
        TreeMap<String, List<String>> byKey = new TreeMap<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                List<String> values = r.getValues() == null ? List.of() : r.getValues().stream().sorted().toList();
                String text = switch (r.getOperator()) {
                    case "In" -> r.getKey() + " in (" + String.join(",", values) + ")";
                    case "NotIn" -> r.getKey() + " notin (" + String.join(",", values) + ")";
                    case "Exists" -> r.getKey();
                    case "DoesNotExist" -> "!" + r.getKey();
                    default -> r.getKey() + " " + r.getOperator();
                };
                byKey.computeIfAbsent(r.getKey(), x -> new ArrayList<>()).add(text);
            }
        }
        return String.join(",", byKey.values().stream().flatMap(List::stream).toList());
    }

    /** labels.SelectorFromSet(m).String(): sorted {@code k=v} joined by commas. */
    public static String of(Map<String, String> labels) {
        if (labels == null) {
            return "";
        }
        return String.join(",", new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** metav1.FormatLabelSelector / labels.FormatLabels: "<none>" when empty. */
    public static String orNone(String selector) {
        return selector.isEmpty() ? "<none>" : selector;
    }
}
