package io.jk8s.api.registry.admissionregistration;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** metav1validation.ValidateLabelSelector: label rules for matchLabels, operator and value rules for matchExpressions. */
final class SelectorValidation {

    private SelectorValidation() {}

    static List<FieldError> validate(LabelSelector selector, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            return errors;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement requirement = expressions.get(i);
            String at = field + ".matchExpressions[" + i + "]";
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
            switch (operator) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        errors.add(FieldError.required(at + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        errors.add(FieldError.forbidden(at + ".values",
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errors.add(FieldError.invalid(at + ".operator", operator, "not a valid selector operator"));
            }
            String key = requirement.getKey() == null ? "" : requirement.getKey();
            LabelValidation.qualifiedNameProblems(key).forEach(p -> errors.add(FieldError.invalid(at + ".key", key, p)));
            for (int v = 0; v < values.size(); v++) {
                String value = values.get(v);
                String valueField = at + ".values[" + v + "]";
                LabelValidation.validate(Map.of("x", value), valueField).forEach(errors::add);
            }
        }
        errors.addAll(LabelValidation.validate(selector.getMatchLabels(), field + ".matchLabels"));
        return errors;
    }
}
