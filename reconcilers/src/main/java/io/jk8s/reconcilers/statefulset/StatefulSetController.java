package io.jk8s.reconcilers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.OwnerHandlers;
import io.jk8s.reconcilers.framework.PodClaims;
import io.jk8s.reconcilers.framework.WorkQueue;
import io.jk8s.reconcilers.history.ControllerRevisions;
import java.time.Clock;

/** Feeds the StatefulSet work queue from StatefulSet, Pod and ControllerRevision informers. */
public final class StatefulSetController {

    private StatefulSetController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<StatefulSet> sets, SharedIndexInformer<Pod> pods,
            SharedIndexInformer<ControllerRevision> revisions, EventRecorder events, Clock clock) {
        WorkQueue queue = new WorkQueue("statefulset");
        sets.addEventHandler(Handlers.enqueue(queue));
        pods.addEventHandler(OwnerHandlers.enqueueOwner("StatefulSet", sets.getIndexer(), s -> s.getSpec().getSelector(), queue));
        revisions.addEventHandler(OwnerHandlers.enqueueOwner("StatefulSet", sets.getIndexer(), s -> s.getSpec().getSelector(), queue));
        return new Controller("statefulset", queue, new StatefulSetReconciler(client, sets.getIndexer(),
                new PodClaims(client, pods.getIndexer()), new ControllerRevisions(client, revisions.getIndexer()),
                new StatefulPodControl(client, events), clock));
    }
}
