package io.jk8s.api.registry.admissionregistration;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.jk8s.api.errors.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** validateRuleWithOperations: which operations on which groups, versions, resources and scope a webhook intercepts. */
final class WebhookRules {

    private WebhookRules() {}

    static List<FieldError> validate(RuleWithOperations rule, String at) {
        List<FieldError> errors = new ArrayList<>();
        List<String> operations = orEmpty(rule.getOperations());
        requiredAlone(errors, at + ".operations", operations, "admissionregistration.OperationType", "operations");
        for (int i = 0; i < operations.size(); i++) {
            WebhookValidation.notSupported(errors, at + ".operations[" + i + "]", operations.get(i), WebhookValidation.operations());
        }
        requiredAlone(errors, at + ".apiGroups", orEmpty(rule.getApiGroups()), "string", "API groups");
        List<String> versions = orEmpty(rule.getApiVersions());
        requiredAlone(errors, at + ".apiVersions", versions, "string", "API versions");
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).isEmpty()) {
                errors.add(FieldError.required(at + ".apiVersions[" + i + "]", ""));
            }
        }
        errors.addAll(resources(orEmpty(rule.getResources()), at + ".resources"));
        WebhookValidation.notSupported(errors, at + ".scope", rule.getScope(), WebhookValidation.scopes());
        return errors;
    }

    /** validateResources: resource/subresource patterns whose wildcards may not overlap. */
    private static List<FieldError> resources(List<String> resources, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (resources.isEmpty()) {
            errors.add(FieldError.required(field, ""));
        }
        Set<String> withWildcardSubresources = new HashSet<>();
        Set<String> subresourcesOfWildcard = new HashSet<>();
        boolean doubleWildcard = false;
        boolean singleWildcard = false;
        boolean withoutSubresource = false;
        for (int i = 0; i < resources.size(); i++) {
            String resSub = resources.get(i);
            String at = field + "[" + i + "]";
            if (resSub.isEmpty()) {
                errors.add(FieldError.required(at, ""));
                continue;
            }
            doubleWildcard |= resSub.equals("*/*");
            singleWildcard |= resSub.equals("*");
            String[] parts = resSub.split("/", 2);
            if (parts.length == 1) {
                withoutSubresource = !resSub.equals("*");
                continue;
            }
            String res = parts[0];
            String sub = parts[1];
            if (withWildcardSubresources.contains(res)) {
                errors.add(FieldError.invalid(at, resSub, "if '" + res + "/*' is present, must not specify " + resSub));
            }
            if (subresourcesOfWildcard.contains(sub)) {
                errors.add(FieldError.invalid(at, resSub, "if '*/" + sub + "' is present, must not specify " + resSub));
            }
            if (sub.equals("*")) {
                withWildcardSubresources.add(res);
            }
            if (res.equals("*")) {
                subresourcesOfWildcard.add(sub);
            }
        }
        if (resources.size() > 1 && doubleWildcard) {
            errors.add(FieldError.invalidRaw(field, go("string", resources), "if '*/*' is present, must not specify other resources"));
        }
        if (singleWildcard && withoutSubresource) {
            errors.add(FieldError.invalidRaw(field, go("string", resources),
                    "if '*' is present, must not specify other resources without subresources"));
        }
        return errors;
    }

    /** The list may not be empty, and '*' stands alone in it. */
    private static void requiredAlone(List<FieldError> errors, String field, List<String> values, String goType, String what) {
        if (values.isEmpty()) {
            errors.add(FieldError.required(field, ""));
        }
        if (values.size() > 1 && values.contains("*")) {
            errors.add(FieldError.invalidRaw(field, go(goType, values), "if '*' is present, must not specify other " + what));
        }
    }

    /** Go's %#v of a string slice of the named type. */
    private static String go(String type, List<String> values) {
        return "[]" + type + "{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
