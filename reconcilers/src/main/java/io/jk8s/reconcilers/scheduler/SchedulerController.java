package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.EventRecorder;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;

/** Queues pending pods; a node change re-queues them all, since it may make room. */
public final class SchedulerController {

    private SchedulerController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes,
            EventRecorder events, Clock clock) {
        WorkQueue queue = new WorkQueue("scheduler");
        Scheduler scheduler = new Scheduler(client, pods.getIndexer(), nodes.getIndexer(), events, clock);
        Runnable requeuePending = () -> pods.getIndexer().list().stream().filter(Scheduler::isPending)
                .forEach(p -> queue.add(Owners.key(p)));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                scheduler.observed(pod);
                if (Scheduler.isPending(pod)) {
                    queue.add(Owners.key(pod));
                }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                onAdd(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                scheduler.observedDeleted(pod);
                // its resources are free again
                requeuePending.run();
            }
        });
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                requeuePending.run();
            }

            @Override
            public void onUpdate(Node old, Node node) {
                if (NodeFit.isReady(node) != NodeFit.isReady(old)
                        || !java.util.Objects.equals(old.getSpec(), node.getSpec())) {
                    requeuePending.run();
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {}
        });
        scheduler.onBindingFailure(queue::addRateLimited);
        return new Controller("scheduler", queue, scheduler);
    }
}
