package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            errors.add(FieldError.invalidRaw("spec.selector", GoValues.labelSelector(selector),
                    "empty selector is invalid for " + kindForEmpty));
            return errors;
        }
        Map<String, String> labels = template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
        if (!io.jk8s.api.registry.LabelSelector.of(selector).matches(labels)) {
            errors.add(FieldError.invalidRaw("spec.template.metadata.labels", GoValues.map(labels),
                    "`selector` does not match template `labels`"));
        }
        return errors;
    }

    /** apps/v1 and batch/v1 selectors cannot change after create. */
    public static List<FieldError> immutable(LabelSelector selector, LabelSelector old) {
        if (java.util.Objects.equals(selector, old)) {
            return List.of();
        }
        return List.of(FieldError.invalidRaw("spec.selector", GoValues.labelSelector(selector), "field is immutable"));
    }
}
