package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import java.util.Objects;
import io.jk8s.api.registry.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * ClusterRoles (pkg/registry/rbac/clusterrole/strategy.go): cluster-scoped, and their rules may
 * name non-resource URLs. The rules of a role with an aggregation rule are filled in by the
 * clusterrole-aggregation controller (reconcilers), not here.
 */
public final class ClusterRoleStrategy implements Strategy<ClusterRole> {

    private final EscalationCheck escalation = new EscalationCheck();

    @Override
    public void attach(Registry registry) {
        escalation.attach(registry);
    }

    @Override
    public void prepareForCreate(ClusterRole role) {
        confirm(role, null);
    }

    @Override
    public void prepareForUpdate(ClusterRole role, ClusterRole old) {
        if (!Objects.equals(role.getRules(), old.getRules()) || !Objects.equals(role.getAggregationRule(), old.getAggregationRule())) {
            confirm(role, old);
        }
    }

    private void confirm(ClusterRole role, ClusterRole old) {
        escalation.confirmRole("clusterroles", "", role.getMetadata().getName(), role.getRules());
        if (role.getAggregationRule() != null || (old != null && old.getAggregationRule() != null)) {
            escalation.confirmAggregation(role.getMetadata().getName());
        }
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public List<FieldError> validate(ClusterRole role) {
        List<FieldError> errors = new ArrayList<>(PolicyRules.validate(role.getRules(), false));
        AggregationRule aggregation = role.getAggregationRule();
        if (aggregation != null && (aggregation.getClusterRoleSelectors() == null || aggregation.getClusterRoleSelectors().isEmpty())) {
            errors.add(FieldError.required("aggregationRule.clusterRoleSelectors",
                    "at least one clusterRoleSelector required if aggregationRule is non-nil"));
        }
        return errors;
    }
}
