package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import io.jk8s.api.registry.core.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules every controller kind shares (apps validation's ValidateDeploymentSpec and friends,
 * batch's validateJobSpec): a selector is required, non-empty, selects the pod template's labels
 * and never changes; replicas are not negative; the template is a valid pod template.
 */
public final class WorkloadValidation {

    private WorkloadValidation() {}

    /** What every replicated workload checks: replicas, the selector against the template, the template. */
    public static List<FieldError> validate(Integer replicas, LabelSelector selector, PodTemplateSpec template, String kind) {
        List<FieldError> errors = new ArrayList<>(Replicas.validate(replicas));
        errors.addAll(validate(selector, template, kind));
        errors.addAll(PodSpecValidation.validate(template, "spec.template"));
        return errors;
    }

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
