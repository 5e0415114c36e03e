package io.jk8s.reconcilers.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.OwnerHandlers;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;

/** Feeds the CronJob work queue from CronJob and Job informers; the reconciler's requeue is the clock. */
public final class CronJobController {

    private CronJobController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<CronJob> cronJobs, SharedIndexInformer<Job> jobs,
            EventRecorder events, Clock clock) {
        WorkQueue queue = new WorkQueue("cronjob");
        cronJobs.addEventHandler(Handlers.enqueue(queue));
        jobs.addEventHandler(Handlers.onChange(job -> OwnerHandlers.ownerKey("CronJob", job).ifPresent(queue::add)));
        return new Controller("cronjob", queue, new CronJobReconciler(client, cronJobs.getIndexer(), jobs.getIndexer(), events, clock));
    }
}
