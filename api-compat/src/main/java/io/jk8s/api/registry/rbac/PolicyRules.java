package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import java.util.ArrayList;
import java.util.List;

/** pkg/apis/rbac/validation's validatePolicyRule, shared by Roles and ClusterRoles. */
final class PolicyRules {

    private PolicyRules() {}

    /** Roles pass {@code namespaced}: their rules cannot name non-resource URLs. */
    static List<FieldError> validate(List<PolicyRule> rules, boolean namespaced) {
        List<FieldError> errors = new ArrayList<>();
        if (rules == null) {
            return errors;
        }
        for (int i = 0; i < rules.size(); i++) {
            validate(rules.get(i), namespaced, "rules[" + i + "]", errors);
        }
        return errors;
    }

    private static void validate(PolicyRule rule, boolean namespaced, String path, List<FieldError> errors) {
        if (empty(rule.getVerbs())) {
            errors.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
        }
        if (!empty(rule.getNonResourceURLs())) {
            String urls = GoValues.strings(rule.getNonResourceURLs());
            if (namespaced) {
                errors.add(FieldError.invalidRaw(path + ".nonResourceURLs", urls, "namespaced rules cannot apply to non-resource URLs"));
            }
            if (!empty(rule.getApiGroups()) || !empty(rule.getResources()) || !empty(rule.getResourceNames())) {
                errors.add(FieldError.invalidRaw(path + ".nonResourceURLs", urls,
                        "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return;
        }
        if (empty(rule.getApiGroups())) {
            errors.add(FieldError.required(path + ".apiGroups", "resource rules must supply at least one api group"));
        }
        if (empty(rule.getResources())) {
            errors.add(FieldError.required(path + ".resources", "resource rules must supply at least one resource"));
        }
        if (!empty(rule.getResourceNames()) && rule.getResources().size() > 1) {
            errors.add(FieldError.required(path + ".resourceNames", "resource names cannot apply to multiple resources"));
        }
    }

    private static boolean empty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
