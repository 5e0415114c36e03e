package io.jk8s.reconcilers.clusterroleaggregation;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.WorkQueue;

/**
 * kube-controller-manager's clusterrole-aggregation controller (pkg/controller/clusterroleaggregation).
 * Any change to any ClusterRole may change what an aggregated role selects, so, as kube does,
 * every ClusterRole that has an aggregation rule is queued on every change.
 */
public final class ClusterRoleAggregationController {

    static final String NAME = "clusterrole-aggregation-controller";

    private ClusterRoleAggregationController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<ClusterRole> clusterRoles) {
        WorkQueue queue = new WorkQueue("clusterrole-aggregation");
        clusterRoles.addEventHandler(Handlers.onChange(changed -> clusterRoles.getIndexer().list().stream()
                .filter(role -> role.getAggregationRule() != null)
                .forEach(role -> queue.add(role.getMetadata().getName()))));
        return new Controller(NAME, queue, new ClusterRoleAggregationReconciler(client, clusterRoles.getIndexer()));
    }
}
