package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import java.util.Objects;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * ClusterRoleBindings (pkg/registry/rbac/clusterrolebinding/strategy.go): cluster-scoped, bind only
 * ClusterRoles, and their service account subjects must name a namespace.
 */
public final class ClusterRoleBindingStrategy implements Strategy<ClusterRoleBinding> {

    private final EscalationCheck escalation = new EscalationCheck();

    @Override
    public void attach(Registry registry) {
        escalation.attach(registry);
    }

    @Override
    public void prepareForCreate(ClusterRoleBinding binding) {
        escalation.confirmBinding("clusterrolebindings", "", binding.getMetadata().getName(), binding.getRoleRef());
    }

    @Override
    public void prepareForUpdate(ClusterRoleBinding binding, ClusterRoleBinding old) {
        if (!Objects.equals(binding.getSubjects(), old.getSubjects()) || !Objects.equals(binding.getRoleRef(), old.getRoleRef())) {
            prepareForCreate(binding);
        }
    }

    // rbac/v1beta1's doc string, which printers.go still quotes
    private static final String ROLE_REF = "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef "
            + "cannot be resolved, the Authorizer must return an error.";

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public void applyDefaults(ClusterRoleBinding binding) {
        Bindings.applyDefaults(binding.getRoleRef(), binding.getSubjects());
    }

    @Override
    public List<FieldError> validate(ClusterRoleBinding binding) {
        return Bindings.validate(binding.getRoleRef(), binding.getSubjects(), List.of("ClusterRole"), false);
    }

    @Override
    public List<FieldError> validateUpdate(ClusterRoleBinding binding, ClusterRoleBinding old) {
        List<FieldError> errors = new ArrayList<>(validate(binding));
        errors.addAll(Bindings.validateRoleRefUnchanged(binding.getRoleRef(), old.getRoleRef()));
        return errors;
    }

    @Override
    public List<TableColumn<ClusterRoleBinding>> tableColumns() {
        return Bindings.tableColumns(ROLE_REF, "clusterRoleBinding", ClusterRoleBinding::getRoleRef,
                ClusterRoleBinding::getSubjects);
    }
}
