package io.jk8s.reconcilers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.Expectations;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;
import java.util.Optional;

/** Feeds the Job work queue from Job and Pod informers. */
public final class JobController {

    private JobController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Job> jobs, SharedIndexInformer<Pod> pods, EventRecorder events,
            Clock clock) {
        WorkQueue queue = new WorkQueue("job");
        Expectations expectations = new Expectations();
        jobs.addEventHandler(Handlers.enqueue(queue));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                jobKey(pod).ifPresent(key -> {
                    expectations.creationObserved(key);
                    queue.add(key);
                });
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                jobKey(pod).ifPresent(queue::add);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                jobKey(pod).ifPresent(queue::add);
            }
        });
        return new Controller("job", queue, new JobReconciler(client, jobs.getIndexer(), pods.getIndexer(), expectations, events, clock));
    }

    private static Optional<String> jobKey(Pod pod) {
        return Owners.controllerOf(pod).filter(ref -> "Job".equals(ref.getKind()))
                .map(ref -> Owners.key(pod.getMetadata().getNamespace(), ref.getName()));
    }
}
