package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import java.util.Objects;
import io.jk8s.api.registry.Registry;
import java.util.List;

/**
 * Roles (pkg/registry/rbac/role/strategy.go): stored and validated; nothing enforces them yet.
 * printers.go has no Role printer, so tables are kube's default Name / Created At.
 */
public final class RoleStrategy implements Strategy<Role> {

    private final EscalationCheck escalation = new EscalationCheck();

    @Override
    public void attach(Registry registry) {
        escalation.attach(registry);
    }

    @Override
    public void prepareForCreate(Role role) {
        escalation.confirmRole("roles", role.getMetadata().getNamespace(), role.getMetadata().getName(), role.getRules());
    }

    @Override
    public void prepareForUpdate(Role role, Role old) {
        if (!Objects.equals(role.getRules(), old.getRules())) {
            escalation.confirmRole("roles", role.getMetadata().getNamespace(), role.getMetadata().getName(), role.getRules());
        }
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public List<FieldError> validate(Role role) {
        return PolicyRules.validate(role.getRules(), true);
    }
}
