package io.jk8s.reconcilers.daemon;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Expectations;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.OwnerHandlers;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.PodClaims;
import io.jk8s.reconcilers.framework.WorkQueue;
import io.jk8s.reconcilers.history.ControllerRevisions;
import java.time.Clock;
import java.util.Objects;

/**
 * Feeds the DaemonSet work queue from DaemonSet, Pod, ControllerRevision and Node informers: a node
 * that appears or whose labels, taints or readiness change may change where daemons belong.
 */
public final class DaemonSetController {

    private DaemonSetController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<DaemonSet> daemonSets, SharedIndexInformer<Pod> pods,
            SharedIndexInformer<ControllerRevision> revisions, SharedIndexInformer<Node> nodes, EventRecorder events, Clock clock) {
        WorkQueue queue = new WorkQueue("daemonset");
        Expectations expectations = new Expectations();
        daemonSets.addEventHandler(Handlers.enqueue(queue));
        ResourceEventHandler<Pod> owners = OwnerHandlers.enqueueOwner("DaemonSet", daemonSets.getIndexer(), d -> d.getSpec().getSelector(), queue);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                OwnerHandlers.ownerKey("DaemonSet", pod).ifPresent(expectations::creationObserved);
                owners.onAdd(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (pod.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null) {
                    OwnerHandlers.ownerKey("DaemonSet", pod).ifPresent(expectations::deletionObserved);
                }
                owners.onUpdate(old, pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                if (pod.getMetadata().getDeletionTimestamp() == null) {
                    OwnerHandlers.ownerKey("DaemonSet", pod).ifPresent(expectations::deletionObserved);
                }
                owners.onDelete(pod, finalStateUnknown);
            }
        });
        revisions.addEventHandler(OwnerHandlers.enqueueOwner("DaemonSet", daemonSets.getIndexer(), d -> d.getSpec().getSelector(), queue));
        Runnable all = () -> daemonSets.getIndexer().list().forEach(d -> queue.add(Owners.key(d)));
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                all.run();
            }

            @Override
            public void onUpdate(Node old, Node node) {
                if (!Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())
                        || !Objects.equals(old.getSpec(), node.getSpec())) {
                    all.run();
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                all.run();
            }
        });
        return new Controller("daemonset", queue, new DaemonSetReconciler(client, daemonSets.getIndexer(), nodes.getIndexer(),
                new PodClaims(client, pods.getIndexer()), new ControllerRevisions(client, revisions.getIndexer()), events,
                expectations, clock));
    }
}
