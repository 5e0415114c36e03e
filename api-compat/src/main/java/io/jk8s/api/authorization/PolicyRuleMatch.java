package io.jk8s.api.authorization;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** Whether one RBAC rule grants a request (plugin/pkg/auth/authorizer/rbac RuleAllows and rbacv1helpers' matchers). */
final class PolicyRuleMatch {

    private static final String ALL = "*";

    private PolicyRuleMatch() {}

    static boolean allows(Attributes request, PolicyRule rule) {
        if (!hasOrAll(rule.getVerbs(), request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return urlMatches(nonNull(rule.getNonResourceURLs()), request.path());
        }
        return hasOrAll(rule.getApiGroups(), request.apiGroup())
                && resourceMatches(nonNull(rule.getResources()), request.combinedResource(), request.subresource())
                && (nonNull(rule.getResourceNames()).isEmpty() || rule.getResourceNames().contains(request.name()));
    }

    private static boolean hasOrAll(List<String> values, String wanted) {
        for (String value : nonNull(values)) {
            if (value.equals(ALL) || value.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** "*" is every resource, "*&#47;log" every resource's log subresource. */
    private static boolean resourceMatches(List<String> resources, String combined, String subresource) {
        for (String resource : resources) {
            if (resource.equals(ALL) || resource.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && resource.length() == subresource.length() + 2 && resource.startsWith("*/")
                    && resource.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    /** An exact path, "*", or a prefix ending in "*". */
    private static boolean urlMatches(List<String> urls, String path) {
        for (String url : urls) {
            if (url.equals(ALL) || url.equals(path)
                    || (url.endsWith(ALL) && path.startsWith(url.substring(0, url.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    static <V> List<V> nonNull(List<V> values) {
        return values == null ? List.of() : values;
    }
}
