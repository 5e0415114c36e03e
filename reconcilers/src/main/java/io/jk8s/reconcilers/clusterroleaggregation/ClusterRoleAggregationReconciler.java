package io.jk8s.reconcilers.clusterroleaggregation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.LabelSelectors;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An aggregated ClusterRole's rules are the union of the rules of the ClusterRoles its selectors
 * match (syncClusterRole): selector by selector, matching roles by name, each rule once, in the
 * order first seen. The role itself never contributes.
 */
public final class ClusterRoleAggregationReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Indexer<ClusterRole> clusterRoles;

    public ClusterRoleAggregationReconciler(KubernetesClient client, Indexer<ClusterRole> clusterRoles) {
        this.client = client;
        this.clusterRoles = clusterRoles;
    }

    @Override
    public Duration reconcile(String name) {
        ClusterRole aggregated = clusterRoles.getByKey(name);
        if (aggregated == null || aggregated.getAggregationRule() == null) {
            return null;
        }
        List<PolicyRule> rules = aggregate(aggregated);
        List<PolicyRule> current = aggregated.getRules() == null ? List.of() : aggregated.getRules();
        // kube compares with equality.Semantic, for which no rules and an empty list are the same
        if (rules.equals(current)) {
            return null;
        }
        // as kube's applyClusterRoles: a forced server-side apply of the rules alone, owned by the controller
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
                .withRules(rules).build()).fieldManager(ClusterRoleAggregationController.NAME).forceConflicts().serverSideApply();
        return null;
    }

    private List<PolicyRule> aggregate(ClusterRole aggregated) {
        List<PolicyRule> rules = new ArrayList<>();
        List<ClusterRole> all = clusterRoles.list().stream()
                .sorted(Comparator.comparing((ClusterRole role) -> role.getMetadata().getName())).toList();
        for (LabelSelector selector : aggregated.getAggregationRule().getClusterRoleSelectors()) {
            for (ClusterRole role : all) {
                if (role.getMetadata().getName().equals(aggregated.getMetadata().getName()) || !selects(selector, role)) {
                    continue;
                }
                for (PolicyRule rule : role.getRules() == null ? List.<PolicyRule>of() : role.getRules()) {
                    if (!rules.contains(rule)) {
                        rules.add(rule);
                    }
                }
            }
        }
        return rules;
    }

    /** metav1.LabelSelectorAsSelector: unlike a controller's pod selector, an empty selector selects everything. */
    private static boolean selects(LabelSelector selector, ClusterRole role) {
        boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        return empty || LabelSelectors.matches(selector, role.getMetadata().getLabels());
    }
}
