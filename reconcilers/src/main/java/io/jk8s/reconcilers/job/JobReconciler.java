package io.jk8s.reconcilers.job;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Expectations;
import io.jk8s.reconcilers.framework.PodControl;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.PodConditions;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Runs a Job's pods to completion (kube's job controller, NonIndexed mode): keeps up to
 * {@code parallelism} pods active until {@code completions} have succeeded, counts failures
 * against {@code backoffLimit}, and marks the Job {@code Complete} or {@code Failed} with the
 * conditions and reasons kube uses (1.32 adds SuccessCriteriaMet / FailureTarget first).
 */
public final class JobReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Indexer<Job> jobs;
    private final Indexer<Pod> pods;
    private final Expectations expectations;
    private final Clock clock;
    private final PodControl podControl;
    private final EventRecorder events;
    private final TtlAfterFinished ttl;

    public JobReconciler(KubernetesClient client, Indexer<Job> jobs, Indexer<Pod> pods, Expectations expectations, EventRecorder events, Clock clock) {
        this.client = client;
        this.jobs = jobs;
        this.pods = pods;
        this.expectations = expectations;
        this.clock = clock;
        this.podControl = new PodControl(client, events);
        this.events = events;
        this.ttl = new TtlAfterFinished(client, clock);
    }

    @Override
    public Duration reconcile(String key) {
        Job job = jobs.getByKey(key);
        if (job == null) {
            expectations.forget(key);
            return null;
        }
        if (finished(job)) {
            return ttl.check(job);
        }
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : pods.byIndex(Cache.NAMESPACE_INDEX, job.getMetadata().getNamespace())) {
            if (Owners.isControlledBy(pod, job)) {
                owned.add(pod);
            }
        }
        int succeeded = (int) owned.stream().filter(p -> "Succeeded".equals(phase(p))).count();
        int failed = (int) owned.stream().filter(p -> "Failed".equals(phase(p))).count();
        List<Pod> active = owned.stream().filter(PodConditions::isActive).toList();
        int ready = (int) active.stream().filter(PodConditions::isReady).count();
        int completions = Objects.requireNonNullElse(job.getSpec().getCompletions(), 1);
        int parallelism = Objects.requireNonNullElse(job.getSpec().getParallelism(), 1);
        int backoffLimit = Objects.requireNonNullElse(job.getSpec().getBackoffLimit(), 6);
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();

        List<JobCondition> conditions = new ArrayList<>();
        String completionTime = null;
        if (succeeded >= completions) {
            conditions.add(condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now));
            conditions.add(condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
            completionTime = now;
            deleteAll(job, active);
            events.normal(job, "Completed", "Job completed");
        } else if (failed > backoffLimit) {
            conditions.add(condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
            conditions.add(condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
            deleteAll(job, active);
            events.warning(job, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        } else if (!Boolean.TRUE.equals(job.getSpec().getSuspend()) && expectations.satisfied(key)) {
            int want = Math.min(parallelism, completions - succeeded);
            int missing = want - active.size();
            if (missing > 0) {
                expectations.expect(key, missing, 0);
                for (int i = 0; i < missing; i++) {
                    try {
                        createPod(job);
                    } catch (RuntimeException e) {
                        for (int left = i; left < missing; left++) {
                            expectations.creationObserved(key);
                        }
                        throw e;
                    }
                }
            }
        }
        JobStatus old = job.getStatus() == null ? new JobStatus() : job.getStatus();
        JobStatus status = new JobStatusBuilder()
                .withStartTime(old.getStartTime() != null ? old.getStartTime() : now)
                .withCompletionTime(completionTime)
                .withActive(conditions.isEmpty() && !active.isEmpty() ? active.size() : null)
                .withSucceeded(succeeded == 0 ? null : succeeded)
                .withFailed(failed == 0 ? null : failed)
                .withReady(ready)
                .withTerminating(0)
                .withNewUncountedTerminatedPods().endUncountedTerminatedPods()
                .withConditions(conditions.isEmpty() ? old.getConditions() : conditions)
                .build();
        if (!status.equals(old)) {
            Job copy = client.getKubernetesSerialization().clone(job);
            copy.setStatus(status);
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
        return null;
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build();
    }

    private void deleteAll(Job job, List<Pod> active) {
        for (Pod pod : active) {
            podControl.delete(job, pod);
        }
    }

    private void createPod(Job job) {
        PodTemplateSpec template = job.getSpec().getTemplate();
        Pod pod = new PodBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withGenerateName(job.getMetadata().getName() + "-")
                        .withNamespace(job.getMetadata().getNamespace())
                        .withLabels(template.getMetadata() == null || template.getMetadata().getLabels() == null ? null
                                : new HashMap<>(template.getMetadata().getLabels()))
                        .withAnnotations(template.getMetadata() == null || template.getMetadata().getAnnotations() == null ? null
                                : new HashMap<>(template.getMetadata().getAnnotations()))
                        .withOwnerReferences(Owners.controllerReference(job))
                        .build())
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
        podControl.create(job, pod);
    }
}
