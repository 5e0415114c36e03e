package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How a default binding is brought back to the policy on start (pkg/registry/rbac/reconciliation's
 * computeReconciledRoleBinding, union mode): missing subjects are appended, labels and annotations
 * merged; a binding whose roleRef differs must be recreated, since a roleRef never changes.
 */
final class RoleBindingReconciliation<T extends HasMetadata> {

    static final RoleBindingReconciliation<ClusterRoleBinding> CLUSTER_ROLE_BINDINGS = new RoleBindingReconciliation<>(
            ClusterRoleBinding::getRoleRef, ClusterRoleBinding::getSubjects, ClusterRoleBinding::setSubjects);
    static final RoleBindingReconciliation<RoleBinding> ROLE_BINDINGS = new RoleBindingReconciliation<>(
            RoleBinding::getRoleRef, RoleBinding::getSubjects, RoleBinding::setSubjects);

    private final Function<T, RoleRef> roleRef;
    private final Function<T, List<Subject>> subjects;
    private final BiConsumer<T, List<Subject>> setSubjects;

    private RoleBindingReconciliation(Function<T, RoleRef> roleRef, Function<T, List<Subject>> subjects,
            BiConsumer<T, List<Subject>> setSubjects) {
        this.roleRef = roleRef;
        this.subjects = subjects;
        this.setSubjects = setSubjects;
    }

    boolean needsRecreate(T existing, T expected) {
        return !roleRef.apply(existing).equals(roleRef.apply(expected));
    }

    /** Changes {@code existing} (a private copy) toward {@code expected}; returns whether it changed. */
    boolean reconcile(T existing, T expected) {
        boolean changed = PolicyMetadata.merge(existing, expected);
        List<Subject> all = new ArrayList<>(subjects.apply(existing) == null ? List.of() : subjects.apply(existing));
        List<Subject> missing = (subjects.apply(expected) == null ? List.<Subject>of() : subjects.apply(expected)).stream()
                .filter(s -> !all.contains(s)).toList();
        if (!missing.isEmpty()) {
            all.addAll(missing);
            setSubjects.accept(existing, all);
            changed = true;
        }
        return changed;
    }
}
