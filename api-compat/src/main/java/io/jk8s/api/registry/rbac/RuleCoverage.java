package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether one set of policy rules grants everything another does (pkg/registry/rbac/validation's
 * Covers, BreakdownRule and ruleCovers): the covered set is broken down to one verb on one
 * resource (or URL) each, and each piece must be granted by some single owner rule.
 */
final class RuleCoverage {

    private static final String ALL = "*";

    private RuleCoverage() {}

    /** The pieces of {@code wanted} that no rule of {@code owner} grants, in kube's breakdown order. */
    static List<PolicyRule> uncovered(List<PolicyRule> owner, List<PolicyRule> wanted) {
        List<PolicyRule> missing = new ArrayList<>();
        for (PolicyRule rule : nonNull(wanted)) {
            for (PolicyRule piece : breakdown(rule)) {
                if (nonNull(owner).stream().noneMatch(o -> covers(o, piece))) {
                    missing.add(piece);
                }
            }
        }
        return missing;
    }

    static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> pieces = new ArrayList<>();
        for (String group : nonNull(rule.getApiGroups())) {
            for (String resource : nonNull(rule.getResources())) {
                for (String verb : nonNull(rule.getVerbs())) {
                    if (nonNull(rule.getResourceNames()).isEmpty()) {
                        pieces.add(piece(List.of(group), List.of(resource), null, null, verb));
                    }
                    for (String resourceName : nonNull(rule.getResourceNames())) {
                        pieces.add(piece(List.of(group), List.of(resource), List.of(resourceName), null, verb));
                    }
                }
            }
        }
        for (String url : nonNull(rule.getNonResourceURLs())) {
            for (String verb : nonNull(rule.getVerbs())) {
                pieces.add(piece(null, null, null, List.of(url), verb));
            }
        }
        return pieces;
    }

    private static PolicyRule piece(List<String> groups, List<String> resources, List<String> names, List<String> urls, String verb) {
        PolicyRule piece = new PolicyRule();
        piece.setApiGroups(groups);
        piece.setResources(resources);
        piece.setResourceNames(names);
        piece.setNonResourceURLs(urls);
        piece.setVerbs(List.of(verb));
        return piece;
    }

    private static boolean covers(PolicyRule owner, PolicyRule piece) {
        List<String> ownerNames = nonNull(owner.getResourceNames());
        boolean namesMatch = nonNull(piece.getResourceNames()).isEmpty() ? ownerNames.isEmpty()
                : ownerNames.isEmpty() || ownerNames.containsAll(piece.getResourceNames());
        return hasAllOrStar(owner.getVerbs(), piece.getVerbs())
                && hasAllOrStar(owner.getApiGroups(), piece.getApiGroups())
                && nonNull(piece.getResources()).stream().allMatch(r -> resourceCovers(nonNull(owner.getResources()), r))
                && nonNull(piece.getNonResourceURLs()).stream().allMatch(u -> urlCovers(nonNull(owner.getNonResourceURLs()), u))
                && namesMatch;
    }

    private static boolean hasAllOrStar(List<String> owner, List<String> wanted) {
        return nonNull(owner).contains(ALL) || nonNull(owner).containsAll(nonNull(wanted));
    }

    /** "*" grants every resource, "*&#47;scale" every resource's scale subresource. */
    private static boolean resourceCovers(List<String> owner, String resource) {
        if (owner.contains(ALL) || owner.contains(resource)) {
            return true;
        }
        int slash = resource.indexOf('/');
        return slash >= 0 && owner.contains(ALL + resource.substring(slash));
    }

    /** A URL ending in "*" grants every URL it prefixes. */
    private static boolean urlCovers(List<String> owner, String url) {
        for (String granted : owner) {
            if (granted.equals(url) || granted.equals(ALL)
                    || (granted.endsWith(ALL) && url.startsWith(granted.substring(0, granted.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> nonNull(List<T> values) {
        return values == null ? List.of() : values;
    }
}
