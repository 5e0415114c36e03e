package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import io.jk8s.reconcilers.framework.PodConditions;
import java.time.Clock;
import java.util.Objects;

/**
 * Queues pending pods, and moves the unschedulable ones back to the queue on the cluster events
 * that may make room for them, as kube-scheduler's scheduling queue does: a pod leaving or
 * finishing, a node added or changing what it offers. A pending pod's own status writes (its
 * {@code PodScheduled=False}) do not requeue it; that would retry unschedulable pods in a loop.
 */
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
                scheduler.observed(pod);
                if (Scheduler.isPending(pod) && changedBeyondStatus(old, pod)) {
                    queue.add(Owners.key(pod));
                } else if (!Scheduler.isPending(old) && PodConditions.isActive(old) && !PodConditions.isActive(pod)) {
                    // an assigned pod finished: its requests no longer count
                    requeuePending.run();
                }
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
                if (offersChanged(old, node)) {
                    requeuePending.run();
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {}
        });
        scheduler.onBindingFailure(queue::addRateLimited);
        return new Controller("scheduler", queue, scheduler);
    }

    private static boolean changedBeyondStatus(Pod old, Pod pod) {
        return !Objects.equals(old.getSpec(), pod.getSpec())
                || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())
                || !Objects.equals(old.getMetadata().getAnnotations(), pod.getMetadata().getAnnotations())
                || !Objects.equals(old.getMetadata().getDeletionTimestamp(), pod.getMetadata().getDeletionTimestamp());
    }

    /** What the filters look at: readiness, spec (taints, unschedulable), labels, allocatable; not heartbeats. */
    private static boolean offersChanged(Node old, Node node) {
        return NodeFit.isReady(node) != NodeFit.isReady(old)
                || !Objects.equals(old.getSpec(), node.getSpec())
                || !Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())
                || !Objects.equals(allocatable(old), allocatable(node));
    }

    private static Object allocatable(Node node) {
        return node.getStatus() == null ? null : node.getStatus().getAllocatable();
    }
}
