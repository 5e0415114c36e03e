package io.jk8s.reconcilers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.Expectations;
import io.jk8s.reconcilers.framework.LabelSelectors;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;
import java.util.Optional;

/** Feeds the ReplicaSet work queue from ReplicaSet and Pod informers. */
public final class ReplicaSetController {

    private ReplicaSetController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<ReplicaSet> replicaSets,
            SharedIndexInformer<Pod> pods, EventRecorder events, Clock clock) {
        WorkQueue queue = new WorkQueue("replicaset");
        Expectations expectations = new Expectations();
        replicaSets.addEventHandler(Handlers.enqueue(queue));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                Optional<String> owner = ownerKey(pod);
                if (owner.isPresent()) {
                    expectations.creationObserved(owner.get());
                    queue.add(owner.get());
                } else {
                    enqueueMatching(pod);
                }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (pod.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null) {
                    // a graceful deletion has begun: for the ReplicaSet the pod is gone now
                    ownerKey(pod).ifPresent(expectations::deletionObserved);
                }
                ownerKey(old).ifPresent(queue::add);
                ownerKey(pod).ifPresentOrElse(queue::add, () -> enqueueMatching(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                ownerKey(pod).ifPresent(key -> {
                    if (pod.getMetadata().getDeletionTimestamp() == null) {
                        expectations.deletionObserved(key);
                    }
                    queue.add(key);
                });
            }

            /** An orphan may be adopted by any ReplicaSet whose selector matches it. */
            private void enqueueMatching(Pod pod) {
                for (ReplicaSet rs : replicaSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace())) {
                    if (LabelSelectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                        queue.add(Owners.key(rs));
                    }
                }
            }
        });
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(client, replicaSets.getIndexer(), pods.getIndexer(),
                expectations, events, clock);
        return new Controller("replicaset", queue, reconciler);
    }

    private static Optional<String> ownerKey(Pod pod) {
        return Owners.controllerOf(pod)
                .filter(ref -> "ReplicaSet".equals(ref.getKind()))
                .map(ref -> Owners.key(pod.getMetadata().getNamespace(), ref.getName()));
    }
}
