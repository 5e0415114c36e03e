package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.jk8s.api.authorization.Attributes;
import io.jk8s.api.authorization.Authorizer;
import io.jk8s.api.authorization.RbacAuthorizer;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.authentication.RequestUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * RBAC's guard against privilege escalation (pkg/registry/rbac/*&#47;policybased and
 * validation.ConfirmNoEscalation): a user may write a role, or bind one, only with permissions it
 * already holds, unless it may {@code escalate} (roles) or {@code bind} (the role bound). system:masters
 * may do anything, as may the server's own writes (the bootstrap policy, made as the administrator).
 */
final class EscalationCheck {

    private Authorizer authorizer;

    void attach(Registry registry) {
        authorizer = new Authorizer(registry);
    }

    /** A Role or ClusterRole with {@code rules} is being written; {@code resource} is roles or clusterroles. */
    void confirmRole(String resource, String namespace, String name, List<PolicyRule> rules) {
        RequestUser user = RequestUser.current();
        if (authorizer == null || user.privileged()
                || authorizer.authorize(Attributes.resource(user, "escalate", Bindings.GROUP, "v1", namespace, resource, "", name)).allowed()) {
            return;
        }
        confirmNoEscalation(user, resource, namespace, name, rules);
    }

    /** To gather rules by label a ClusterRole's writer must hold every permission (kube's fullAuthority). */
    void confirmAggregation(String name) {
        RequestUser user = RequestUser.current();
        if (authorizer == null || user.privileged()
                || authorizer.authorize(Attributes.resource(user, "escalate", Bindings.GROUP, "v1", "", "clusterroles", "", name)).allowed()) {
            return;
        }
        PolicyRule resources = new PolicyRule();
        resources.setApiGroups(List.of("*"));
        resources.setResources(List.of("*"));
        resources.setVerbs(List.of("*"));
        PolicyRule urls = new PolicyRule();
        urls.setNonResourceURLs(List.of("*"));
        urls.setVerbs(List.of("*"));
        if (!RuleCoverage.uncovered(authorizer.rbac().rulesFor(user, "").rules(), List.of(resources, urls)).isEmpty()) {
            throw StatusErrors.forbidden(Bindings.GROUP, "clusterroles", name, "must have cluster-admin privileges to use the aggregationRule");
        }
    }

    /** A RoleBinding or ClusterRoleBinding to {@code ref} is being written; {@code resource} is the binding's plural. */
    void confirmBinding(String resource, String namespace, String name, RoleRef ref) {
        RequestUser user = RequestUser.current();
        if (authorizer == null || user.privileged() || ref == null) {
            return;
        }
        String roleResource = "ClusterRole".equals(ref.getKind()) ? "clusterroles" : "roles";
        if (authorizer.authorize(Attributes.resource(user, "bind", Bindings.GROUP, "v1", namespace, roleResource, "", ref.getName()))
                .allowed()) {
            return;
        }
        List<PolicyRule> rules;
        try {
            rules = authorizer.rbac().roleReferenceRules(ref, namespace);
        } catch (IllegalArgumentException e) {
            throw StatusErrors.forbidden(Bindings.GROUP, resource, name, e.getMessage());
        }
        confirmNoEscalation(user, resource, namespace, name, rules);
    }

    private void confirmNoEscalation(RequestUser user, String resource, String namespace, String name, List<PolicyRule> rules) {
        RbacAuthorizer.Rules owner = authorizer.rbac().rulesFor(user, namespace);
        List<PolicyRule> missing = RuleCoverage.uncovered(owner.rules(), rules);
        if (missing.isEmpty()) {
            return;
        }
        // a sorted set of compact descriptions, as kube's sets.String
        TreeSet<String> descriptions = new TreeSet<>();
        compact(missing).forEach(rule -> descriptions.add(compactString(rule)));
        String message = "user " + quoted(user.name()) + " (groups=" + quotedList(user.groups())
                + ") is attempting to grant RBAC permissions not currently held:\n" + String.join("\n", descriptions);
        if (!owner.error().isEmpty()) {
            message += "; resolution errors: [" + owner.error() + "]";
        }
        throw StatusErrors.forbidden(Bindings.GROUP, resource, name, message);
    }

    /** CompactRules: the one-group, one-resource pieces of the breakdown merged back, verbs in order. */
    private static List<PolicyRule> compact(List<PolicyRule> rules) {
        Map<String, PolicyRule> simple = new LinkedHashMap<>();
        List<PolicyRule> out = new ArrayList<>();
        for (PolicyRule rule : rules) {
            boolean isSimple = size(rule.getApiGroups()) == 1 && size(rule.getResources()) == 1
                    && size(rule.getResourceNames()) == 0 && size(rule.getNonResourceURLs()) == 0;
            if (!isSimple) {
                out.add(rule);
                continue;
            }
            String key = rule.getApiGroups().get(0) + "\u0000" + rule.getResources().get(0);
            PolicyRule merged = simple.get(key);
            if (merged == null) {
                merged = new PolicyRule();
                merged.setApiGroups(rule.getApiGroups());
                merged.setResources(rule.getResources());
                merged.setVerbs(new ArrayList<>(rule.getVerbs()));
                simple.put(key, merged);
                out.add(merged);
            } else {
                for (String verb : rule.getVerbs()) {
                    if (!merged.getVerbs().contains(verb)) {
                        merged.getVerbs().add(verb);
                    }
                }
            }
        }
        return out;
    }

    /** rbacv1helpers.CompactString: {APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}. */
    private static String compactString(PolicyRule rule) {
        List<String> parts = new ArrayList<>();
        if (size(rule.getApiGroups()) > 0) {
            parts.add("APIGroups:" + quotedList(rule.getApiGroups()));
        }
        if (size(rule.getResources()) > 0) {
            parts.add("Resources:" + quotedList(rule.getResources()));
        }
        if (size(rule.getNonResourceURLs()) > 0) {
            parts.add("NonResourceURLs:" + quotedList(rule.getNonResourceURLs()));
        }
        if (size(rule.getResourceNames()) > 0) {
            parts.add("ResourceNames:" + quotedList(rule.getResourceNames()));
        }
        if (size(rule.getVerbs()) > 0) {
            parts.add("Verbs:" + quotedList(rule.getVerbs()));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    /** Go's %q of a []string. */
    private static String quotedList(List<String> values) {
        return values.stream().map(EscalationCheck::quoted).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
