package io.jk8s.reconcilers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;

/** Feeds the Deployment work queue from Deployment and ReplicaSet informers. */
public final class DeploymentController {

    private DeploymentController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Deployment> deployments,
            SharedIndexInformer<ReplicaSet> replicaSets, EventRecorder events, Clock clock) {
        WorkQueue queue = new WorkQueue("deployment");
        deployments.addEventHandler(Handlers.enqueue(queue));
        replicaSets.addEventHandler(Handlers.onChange(rs -> Owners.controllerOf(rs)
                .filter(ref -> "Deployment".equals(ref.getKind()))
                .ifPresent(ref -> queue.add(Owners.key(rs.getMetadata().getNamespace(), ref.getName())))));
        return new Controller("deployment", queue,
                new DeploymentReconciler(client, deployments.getIndexer(), replicaSets.getIndexer(), events, clock));
    }
}
