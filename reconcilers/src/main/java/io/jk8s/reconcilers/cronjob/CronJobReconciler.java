package io.jk8s.reconcilers.cronjob;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Starts a CronJob's Jobs on schedule (kube's cronjob_controllerv2.go): the latest missed
 * activation since the last one runs, unless it is past startingDeadlineSeconds, the CronJob is
 * suspended, or a Job is still active under Forbid (Replace deletes the active ones first). Jobs
 * are named {@code <cronjob>-<scheduled time in minutes since the epoch>}; status.active and
 * lastScheduleTime / lastSuccessfulTime follow them; finished Jobs beyond the history limits go.
 */
public final class CronJobReconciler implements Reconciler {

    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private static final int MAX_MISSED = 100;

    private final KubernetesClient client;
    private final Indexer<CronJob> cronJobs;
    private final Indexer<Job> jobs;
    private final EventRecorder events;
    private final Clock clock;

    CronJobReconciler(KubernetesClient client, Indexer<CronJob> cronJobs, Indexer<Job> jobs, EventRecorder events, Clock clock) {
        this.client = client;
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Duration reconcile(String key) {
        CronJob cronJob = cronJobs.getByKey(key);
        if (cronJob == null) {
            return null;
        }
        CronJob copy = client.getKubernetesSerialization().clone(cronJob);
        if (copy.getStatus() == null) {
            copy.setStatus(new CronJobStatus());
        }
        List<Job> children = new ArrayList<>();
        for (Job job : jobs.byIndex(Cache.NAMESPACE_INDEX, cronJob.getMetadata().getNamespace())) {
            if (Owners.isControlledBy(job, cronJob)) {
                children.add(job);
            }
        }
        trackActive(copy, children);
        Duration again = null;
        if (cronJob.getMetadata().getDeletionTimestamp() == null) {
            again = schedule(copy, children);
            cleanUpFinished(copy, children);
        }
        if (!Objects.equals(copy.getStatus(), cronJob.getStatus())) {
            client.batch().v1().cronjobs().inNamespace(cronJob.getMetadata().getNamespace()).resource(copy).updateStatus();
        }
        return again;
    }

    /** status.active follows the Jobs: finished ones leave it, vanished ones too. */
    private void trackActive(CronJob cronJob, List<Job> children) {
        List<ObjectReference> active = new ArrayList<>(Objects.requireNonNullElse(cronJob.getStatus().getActive(), List.of()));
        Set<String> activeUids = active.stream().map(ObjectReference::getUid).collect(Collectors.toSet());
        for (Job job : children) {
            String finished = finishedCondition(job);
            boolean listed = activeUids.contains(job.getMetadata().getUid());
            if (!listed && finished == null && !listedAfterAll(cronJob, job)) {
                events.warning(cronJob, "UnexpectedJob", "Saw a job that the controller did not create or forgot: " + job.getMetadata().getName());
            } else if (listed && finished != null) {
                active.removeIf(ref -> ref.getUid().equals(job.getMetadata().getUid()));
                events.normal(cronJob, "SawCompletedJob", "Saw completed job: " + job.getMetadata().getName() + ", condition: " + finished);
            }
            if ("Complete".equals(finished) && job.getStatus().getCompletionTime() != null
                    && (cronJob.getStatus().getLastSuccessfulTime() == null
                    || Instant.parse(job.getStatus().getCompletionTime()).isAfter(Instant.parse(cronJob.getStatus().getLastSuccessfulTime())))) {
                cronJob.getStatus().setLastSuccessfulTime(job.getStatus().getCompletionTime());
            }
        }
        Set<String> childUids = children.stream().map(j -> j.getMetadata().getUid()).collect(Collectors.toSet());
        for (ObjectReference ref : List.copyOf(active)) {
            if (!childUids.contains(ref.getUid()) && client.batch().v1().jobs().inNamespace(ref.getNamespace()).withName(ref.getName()).get() == null) {
                active.remove(ref);
                events.normal(cronJob, "MissingJob", "Active job went missing: " + ref.getName());
            }
        }
        cronJob.getStatus().setActive(active.isEmpty() ? null : active);
    }

    /** The cache may not show our own latest status yet: ask the API before calling a Job unexpected. */
    private boolean listedAfterAll(CronJob cronJob, Job job) {
        CronJob fresh = client.batch().v1().cronjobs().inNamespace(cronJob.getMetadata().getNamespace())
                .withName(cronJob.getMetadata().getName()).get();
        return fresh != null && fresh.getStatus() != null && fresh.getStatus().getActive() != null
                && fresh.getStatus().getActive().stream().anyMatch(ref -> job.getMetadata().getUid().equals(ref.getUid()));
    }

    /** @return when the next activation is due */
    private Duration schedule(CronJob cronJob, List<Job> children) {
        CronSchedule schedule;
        ZoneId zone;
        try {
            schedule = CronSchedule.parse(cronJob.getSpec().getSchedule());
            zone = cronJob.getSpec().getTimeZone() == null ? ZoneId.systemDefault() : ZoneId.of(cronJob.getSpec().getTimeZone());
        } catch (RuntimeException e) {
            events.warning(cronJob, "UnparseableSchedule", "unparseable schedule: \"" + cronJob.getSpec().getSchedule() + "\" : " + e.getMessage());
            return null;
        }
        if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
            return null;
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime earliest = Instant.parse(cronJob.getStatus().getLastScheduleTime() != null ? cronJob.getStatus().getLastScheduleTime()
                : cronJob.getMetadata().getCreationTimestamp()).atZone(zone);
        Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
        if (deadline != null && earliest.isBefore(now.minusSeconds(deadline))) {
            earliest = now.minusSeconds(deadline);
        }
        ZonedDateTime scheduled = null;
        int missed = 0;
        for (ZonedDateTime t = schedule.next(earliest); t != null && !t.isAfter(now); t = schedule.next(t)) {
            scheduled = t;
            if (++missed > 100_000) {
                break;
            }
        }
        ZonedDateTime next = schedule.next(now);
        Duration untilNext = next == null ? null : Duration.between(now, next).plusMillis(100);
        if (scheduled == null) {
            return untilNext;
        }
        if (missed > MAX_MISSED) {
            events.warning(cronJob, "TooManyMissedTimes", "too many missed start times: " + missed
                    + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
            events.warning(cronJob, "MissSchedule", "Missed scheduled time to start a job: "
                    + scheduled.format(DateTimeFormatter.RFC_1123_DATE_TIME));
            return untilNext;
        }
        String name = cronJob.getMetadata().getName() + "-" + scheduled.toEpochSecond() / 60;
        List<ObjectReference> active = Objects.requireNonNullElse(cronJob.getStatus().getActive(), List.of());
        if (active.stream().anyMatch(ref -> ref.getName().equals(name))
                || children.stream().anyMatch(j -> j.getMetadata().getName().equals(name))) {
            return untilNext; // this activation already ran
        }
        String policy = Objects.requireNonNullElse(cronJob.getSpec().getConcurrencyPolicy(), "Allow");
        if ("Forbid".equals(policy) && !active.isEmpty()) {
            events.normal(cronJob, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return untilNext;
        }
        if ("Replace".equals(policy)) {
            for (ObjectReference ref : active) {
                deleteJob(cronJob, ref.getNamespace(), ref.getName());
            }
            cronJob.getStatus().setActive(null);
        }
        Job created;
        try {
            created = client.batch().v1().jobs().inNamespace(cronJob.getMetadata().getNamespace()).resource(job(cronJob, name, scheduled)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return untilNext;
            }
            events.warning(cronJob, "FailedCreate", "Error creating job: " + e.getMessage());
            throw e;
        }
        events.normal(cronJob, "SuccessfulCreate", "Created job " + name);
        List<ObjectReference> nowActive = new ArrayList<>(Objects.requireNonNullElse(cronJob.getStatus().getActive(), List.of()));
        nowActive.add(new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withNamespace(created.getMetadata().getNamespace())
                .withName(name).withUid(created.getMetadata().getUid()).withResourceVersion(created.getMetadata().getResourceVersion()).build());
        cronJob.getStatus().setActive(nowActive);
        cronJob.getStatus().setLastScheduleTime(scheduled.toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
        return untilNext;
    }

    /** getJobFromTemplate2: the job template, owned by the CronJob, stamped with its scheduled time. */
    private Job job(CronJob cronJob, String name, ZonedDateTime scheduled) {
        var template = cronJob.getSpec().getJobTemplate();
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null ? new HashMap<>()
                : new HashMap<>(template.getMetadata().getLabels());
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(template.getMetadata().getAnnotations());
        annotations.put(SCHEDULED_TIMESTAMP, scheduled.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return new JobBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(cronJob.getMetadata().getNamespace())
                        .withLabels(labels).withAnnotations(annotations).withOwnerReferences(Owners.controllerReference(cronJob)).build())
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
    }

    /** successfulJobsHistoryLimit / failedJobsHistoryLimit: the oldest finished Jobs beyond them go. */
    private void cleanUpFinished(CronJob cronJob, List<Job> children) {
        prune(cronJob, children, "Complete", Objects.requireNonNullElse(cronJob.getSpec().getSuccessfulJobsHistoryLimit(), 3));
        prune(cronJob, children, "Failed", Objects.requireNonNullElse(cronJob.getSpec().getFailedJobsHistoryLimit(), 1));
    }

    private void prune(CronJob cronJob, List<Job> children, String condition, int limit) {
        List<Job> finished = children.stream().filter(j -> condition.equals(finishedCondition(j)) && j.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((Job j) -> j.getStatus().getStartTime() == null ? "" : j.getStatus().getStartTime())
                        .thenComparing(j -> j.getMetadata().getName()))
                .toList();
        for (int i = 0; i < finished.size() - limit; i++) {
            deleteJob(cronJob, finished.get(i).getMetadata().getNamespace(), finished.get(i).getMetadata().getName());
        }
    }

    private void deleteJob(CronJob cronJob, String namespace, String name) {
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                events.warning(cronJob, "FailedDelete", "Deleted job " + name + " failed: " + e.getMessage());
                throw e;
            }
            return;
        }
        events.normal(cronJob, "SuccessfulDelete", "Deleted job " + name);
    }

    /** "Complete" or "Failed" once the Job has finished, else null. */
    static String finishedCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if (("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())) {
                return c.getType();
            }
        }
        return null;
    }
}
