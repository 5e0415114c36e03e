package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import java.util.Objects;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;

/** RoleBindings (pkg/registry/rbac/rolebinding/strategy.go): bind a Role or a ClusterRole within a namespace. */
public final class RoleBindingStrategy implements Strategy<RoleBinding> {

    private final EscalationCheck escalation = new EscalationCheck();

    @Override
    public void attach(Registry registry) {
        escalation.attach(registry);
    }

    @Override
    public void prepareForCreate(RoleBinding binding) {
        escalation.confirmBinding("rolebindings", binding.getMetadata().getNamespace(), binding.getMetadata().getName(),
                binding.getRoleRef());
    }

    @Override
    public void prepareForUpdate(RoleBinding binding, RoleBinding old) {
        if (!Objects.equals(binding.getSubjects(), old.getSubjects()) || !Objects.equals(binding.getRoleRef(), old.getRoleRef())) {
            prepareForCreate(binding);
        }
    }

    // rbac/v1beta1's doc string, which printers.go still quotes
    private static final String ROLE_REF = "RoleRef can reference a Role in the current namespace or a ClusterRole in the "
            + "global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.";

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public void applyDefaults(RoleBinding binding) {
        Bindings.applyDefaults(binding.getRoleRef(), binding.getSubjects());
    }

    @Override
    public List<FieldError> validate(RoleBinding binding) {
        return Bindings.validate(binding.getRoleRef(), binding.getSubjects(), List.of("Role", "ClusterRole"), true);
    }

    @Override
    public List<FieldError> validateUpdate(RoleBinding binding, RoleBinding old) {
        List<FieldError> errors = new ArrayList<>(validate(binding));
        errors.addAll(Bindings.validateRoleRefUnchanged(binding.getRoleRef(), old.getRoleRef()));
        return errors;
    }

    @Override
    public List<TableColumn<RoleBinding>> tableColumns() {
        return Bindings.tableColumns(ROLE_REF, "roleBinding", RoleBinding::getRoleRef, RoleBinding::getSubjects);
    }
}
