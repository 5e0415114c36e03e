package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How a default role is brought back to the policy on start (pkg/registry/rbac/reconciliation's
 * computeReconciledRole, union mode): labels and annotations the policy names are added where the
 * stored role lacks them, rules the stored role does not grant are appended (broken down as kube
 * breaks them down), missing aggregation selectors are appended; nothing the user added is removed.
 * An aggregated role's own rules belong to the aggregation controller and are left alone.
 */
final class RoleReconciliation<T extends HasMetadata> {

    static final RoleReconciliation<ClusterRole> CLUSTER_ROLES = new RoleReconciliation<>(
            ClusterRole::getRules, ClusterRole::setRules, ClusterRole::getAggregationRule, ClusterRole::setAggregationRule);
    static final RoleReconciliation<Role> ROLES = new RoleReconciliation<>(
            Role::getRules, Role::setRules, role -> null, (role, rule) -> {});

    private final Function<T, List<PolicyRule>> rules;
    private final BiConsumer<T, List<PolicyRule>> setRules;
    private final Function<T, AggregationRule> aggregation;
    private final BiConsumer<T, AggregationRule> setAggregation;

    private RoleReconciliation(Function<T, List<PolicyRule>> rules, BiConsumer<T, List<PolicyRule>> setRules,
            Function<T, AggregationRule> aggregation, BiConsumer<T, AggregationRule> setAggregation) {
        this.rules = rules;
        this.setRules = setRules;
        this.aggregation = aggregation;
        this.setAggregation = setAggregation;
    }

    /**
     * Changes {@code existing} (a private copy) toward {@code expected}; returns whether it changed.
     * Callers skip roles whose autoupdate annotation is "false" before calling this.
     */
    boolean reconcile(T existing, T expected) {
        boolean changed = PolicyMetadata.merge(existing, expected);
        List<PolicyRule> missing = RuleCoverage.uncovered(rules.apply(existing), rules.apply(expected));
        if (!missing.isEmpty()) {
            List<PolicyRule> all = new ArrayList<>(rules.apply(existing) == null ? List.of() : rules.apply(existing));
            all.addAll(missing);
            setRules.accept(existing, all);
            changed = true;
        }
        AggregationRule wanted = aggregation.apply(expected);
        if (wanted != null) {
            AggregationRule actual = aggregation.apply(existing);
            List<LabelSelector> selectors = new ArrayList<>(actual == null || actual.getClusterRoleSelectors() == null
                    ? List.of() : actual.getClusterRoleSelectors());
            List<LabelSelector> absent = wanted.getClusterRoleSelectors().stream().filter(s -> !selectors.contains(s)).toList();
            if (!absent.isEmpty()) {
                selectors.addAll(absent);
                setAggregation.accept(existing, new AggregationRule(selectors));
                changed = true;
            }
        }
        return changed;
    }
}
