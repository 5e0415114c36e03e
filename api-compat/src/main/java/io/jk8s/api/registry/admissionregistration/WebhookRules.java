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
        if (operations.isEmpty()) {
            errors.add(FieldError.required(at + ".operations", ""));
        }
        if (operations.size() > 1 && operations.contains("*")) {
            errors.add(FieldError.invalidRaw(at + ".operations", go("admissionregistration.OperationType", operations),
                    "if '*' is present, must not specify other operations"));
        }
        for (int i = 0; i < operations.size(); i++) {
            WebhookValidation.notSupported(errors, at + ".operations[" + i + "]", operations.get(i), WebhookValidation.operations());
        }
        List<String> groups = orEmpty(rule.getApiGroups());
        if (groups.isEmpty()) {
            errors.add(FieldError.required(at + ".apiGroups", ""));
        }
        if (groups.size() > 1 && groups.contains("*")) {
            errors.add(FieldError.invalidRaw(at + ".apiGroups", go("string", groups), "if '*' is present, must not specify other API groups"));
        }
        List<String> versions = orEmpty(rule.getApiVersions());
        if (versions.isEmpty()) {
            errors.add(FieldError.required(at + ".apiVersions", ""));
        }
        if (versions.size() > 1 && versions.contains("*")) {
            errors.add(FieldError.invalidRaw(at + ".apiVersions", go("string", versions),
                    "if '*' is present, must not specify other API versions"));
        }
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

    /** Go's %#v of a string slice of the named type. */
    private static String go(String type, List<String> values) {
        return "[]" + type + "{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
