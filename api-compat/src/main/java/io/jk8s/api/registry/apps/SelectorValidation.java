package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.jk8s.api.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The selector rules every controller kind shares (apps validation's ValidateDeploymentSpec and
 * friends, batch's validateJobSpec): a selector is required and non-empty, and it must select the
 * pod template's labels.
 */
public final class SelectorValidation {

    private SelectorValidation() {}

    public static List<FieldError> validate(LabelSelector selector, PodTemplateSpec template, String kindForEmpty) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            errors.add(FieldError.required("spec.selector", ""));
            return errors;
        }
        boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        if (empty) {
            errors.add(FieldError.invalidRaw("spec.selector", goSelector(selector), "empty selector is invalid for " + kindForEmpty));
            return errors;
        }
        Map<String, String> labels = template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
        if (!io.jk8s.api.registry.LabelSelector.of(selector).matches(labels)) {
            errors.add(FieldError.invalidRaw("spec.template.metadata.labels", goMap(labels),
                    "`selector` does not match template `labels`"));
        }
        return errors;
    }

    /** Go's %#v of a map[string]string, as validation messages print it. */
    public static String goMap(Map<String, String> map) {
        return new TreeMap<>(map).entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    private static String goSelector(LabelSelector selector) {
        // only reached for an empty selector, so the value is always this
        return "&v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}";
    }
}
