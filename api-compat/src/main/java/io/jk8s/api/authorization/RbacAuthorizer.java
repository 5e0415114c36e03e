package io.jk8s.api.authorization;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.StoredLister;
import io.jk8s.api.registry.authentication.RequestUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * kube's RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go over
 * pkg/registry/rbac/validation/rule.go's VisitRulesFor): the rules of every ClusterRoleBinding, then
 * every RoleBinding of the request's namespace, whose subjects include the user are tried in turn;
 * the first that grants the request allows it, and the reason names the binding. Roles and bindings
 * are read through the registry's {@link StoredLister}s, not listed from storage per request.
 */
public final class RbacAuthorizer {

    private static final String GROUP = "rbac.authorization.k8s.io";

    private final StoredLister<ClusterRole> clusterRoles;
    private final StoredLister<ClusterRoleBinding> clusterRoleBindings;
    private final StoredLister<Role> roles;
    private final StoredLister<RoleBinding> roleBindings;

    public RbacAuthorizer(Registry registry) {
        this.clusterRoles = lister(registry, "clusterroles");
        this.clusterRoleBindings = lister(registry, "clusterrolebindings");
        this.roles = lister(registry, "roles");
        this.roleBindings = lister(registry, "rolebindings");
    }

    @SuppressWarnings("unchecked")
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> StoredLister<T> lister(Registry registry, String plural) {
        ResourceType<T> type = (ResourceType<T>) registry.table().find(GROUP, "v1", plural)
                .orElseThrow(() -> new IllegalArgumentException("the resource table must declare " + plural + "." + GROUP));
        return registry.listerFor(type);
    }

    /** One rule reached from a binding; {@code source} is how kube describes the binding in a reason. */
    private interface RuleVisitor {
        /** @return whether to go on visiting */
        boolean visit(String source, PolicyRule rule, String error);
    }

    public Decision authorize(Attributes request) {
        String[] allowedBy = new String[1];
        Set<String> errors = new LinkedHashSet<>();
        visitRulesFor(request.user(), request.namespace(), (source, rule, error) -> {
            if (rule != null && PolicyRuleMatch.allows(request, rule)) {
                allowedBy[0] = source;
                return false;
            }
            if (error != null) {
                errors.add(error);
            }
            return true;
        });
        if (allowedBy[0] != null) {
            return new Decision(true, "RBAC: allowed by " + allowedBy[0]);
        }
        return new Decision(false, errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
    }

    /** Every rule that applies to {@code user} in {@code namespace} (RulesFor), and what could not be resolved. */
    public Rules rulesFor(RequestUser user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> errors = new LinkedHashSet<>();
        visitRulesFor(user, namespace, (source, rule, error) -> {
            if (rule != null) {
                rules.add(rule);
            }
            if (error != null) {
                errors.add(error);
            }
            return true;
        });
        return new Rules(rules, errors.isEmpty() ? "" : aggregate(errors));
    }

    public record Rules(List<PolicyRule> rules, String error) {}

    private void visitRulesFor(RequestUser user, String namespace, RuleVisitor visitor) {
        List<ClusterRoleBinding> clusterBindings = new ArrayList<>(clusterRoleBindings.list());
        clusterBindings.sort(Comparator.comparing(b -> b.getMetadata().getName()));
        for (ClusterRoleBinding binding : clusterBindings) {
            Subject subject = appliesTo(user, binding.getSubjects(), "");
            if (subject == null) {
                continue;
            }
            String source = "ClusterRoleBinding \"" + binding.getMetadata().getName() + "\" of " + describe(binding.getRoleRef())
                    + " to " + describe(subject, "");
            if (!visitRules(binding.getRoleRef(), "", source, visitor)) {
                return;
            }
        }
        if (namespace == null || namespace.isEmpty()) {
            return;
        }
        List<RoleBinding> bindings = new ArrayList<>();
        for (RoleBinding binding : roleBindings.list()) {
            if (namespace.equals(binding.getMetadata().getNamespace())) {
                bindings.add(binding);
            }
        }
        bindings.sort(Comparator.comparing(b -> b.getMetadata().getName()));
        for (RoleBinding binding : bindings) {
            Subject subject = appliesTo(user, binding.getSubjects(), namespace);
            if (subject == null) {
                continue;
            }
            // kube's roleBindingDescriber writes name/namespace
            String source = "RoleBinding \"" + binding.getMetadata().getName() + "/" + namespace + "\" of "
                    + describe(binding.getRoleRef()) + " to " + describe(subject, namespace);
            if (!visitRules(binding.getRoleRef(), namespace, source, visitor)) {
                return;
            }
        }
    }

    /** GetRoleReferenceRules: the rules of the role a binding in {@code namespace} refers to; kube's error when there is none. */
    public List<PolicyRule> roleReferenceRules(RoleRef ref, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        String[] error = new String[1];
        visitRules(ref, namespace == null ? "" : namespace, "", (source, rule, problem) -> {
            if (rule != null) {
                rules.add(rule);
            }
            error[0] = problem;
            return true;
        });
        if (error[0] != null) {
            throw new IllegalArgumentException(error[0]);
        }
        return rules;
    }

    private boolean visitRules(RoleRef ref, String namespace, String source, RuleVisitor visitor) {
        List<PolicyRule> rules;
        if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = clusterRoles.get(ref.getName()).orElse(null);
            if (role == null) {
                return visitor.visit(null, null, "clusterrole.rbac.authorization.k8s.io \"" + ref.getName() + "\" not found");
            }
            rules = role.getRules();
        } else if ("Role".equals(ref.getKind()) && !namespace.isEmpty()) {
            Role role = roles.get(namespace, ref.getName()).orElse(null);
            if (role == null) {
                return visitor.visit(null, null, "role.rbac.authorization.k8s.io \"" + ref.getName() + "\" not found");
            }
            rules = role.getRules();
        } else {
            return visitor.visit(null, null, "unsupported role reference kind: \"" + ref.getKind() + "\"");
        }
        for (PolicyRule rule : PolicyRuleMatch.nonNull(rules)) {
            if (!visitor.visit(source, rule, null)) {
                return false;
            }
        }
        return true;
    }

    /** appliesToUser: the first subject naming the user, one of its groups, or its service account. */
    private static Subject appliesTo(RequestUser user, List<Subject> subjects, String namespace) {
        for (Subject subject : PolicyRuleMatch.nonNull(subjects)) {
            boolean applies = switch (String.valueOf(subject.getKind())) {
                case "User" -> user.name().equals(subject.getName());
                case "Group" -> user.groups().contains(subject.getName());
                case "ServiceAccount" -> {
                    // a subject without a namespace means the binding's own
                    String saNamespace = subject.getNamespace() == null || subject.getNamespace().isEmpty() ? namespace
                            : subject.getNamespace();
                    yield !saNamespace.isEmpty()
                            && user.name().equals("system:serviceaccount:" + saNamespace + ":" + subject.getName());
                }
                default -> false;
            };
            if (applies) {
                return subject;
            }
        }
        return null;
    }

    private static String describe(RoleRef ref) {
        return ref.getKind() + " \"" + ref.getName() + "\"";
    }

    private static String describe(Subject subject, String bindingNamespace) {
        if ("ServiceAccount".equals(subject.getKind())) {
            String namespace = subject.getNamespace() == null || subject.getNamespace().isEmpty() ? bindingNamespace : subject.getNamespace();
            return subject.getKind() + " \"" + subject.getName() + "/" + namespace + "\"";
        }
        return subject.getKind() + " \"" + subject.getName() + "\"";
    }

    /** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
    private static String aggregate(Set<String> errors) {
        return errors.size() == 1 ? errors.iterator().next() : "[" + String.join(", ", errors) + "]";
    }
}
