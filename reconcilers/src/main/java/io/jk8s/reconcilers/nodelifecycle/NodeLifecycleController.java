package io.jk8s.reconcilers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;
import java.time.Duration;

/** Queues a node when it or its Lease changes; the reconciler re-queues itself for deadlines. */
public final class NodeLifecycleController {

    private NodeLifecycleController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Node> nodes, SharedIndexInformer<Lease> leases,
            SharedIndexInformer<Pod> pods, Duration gracePeriod, Clock clock) {
        WorkQueue queue = new WorkQueue("node-lifecycle");
        nodes.addEventHandler(Handlers.onChange(node -> queue.add(node.getMetadata().getName())));
        leases.addEventHandler(Handlers.onChange(lease -> queue.add(lease.getMetadata().getName())));
        return new Controller("node-lifecycle", queue,
                new NodeLifecycleReconciler(client, nodes.getIndexer(), leases.getIndexer(), pods.getIndexer(), gracePeriod, clock));
    }
}
