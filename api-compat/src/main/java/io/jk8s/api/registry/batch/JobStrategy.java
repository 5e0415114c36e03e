package io.jk8s.api.registry.batch;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.apps.WorkloadValidation;
import io.jk8s.api.registry.core.PodSpecDefaults;
import io.jk8s.api.registry.core.PodSpecValidation;
import io.jk8s.api.table.HumanDuration;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jobs (pkg/registry/batch/job/strategy.go, SetDefaults_Job in pkg/apis/batch/v1/defaults.go). */
public final class JobStrategy implements Strategy<Job> {

    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";
    static final String LEGACY_JOB_NAME = "job-name";

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(Job job) {
        JobSpec spec = spec(job);
        job.setSpec(spec);
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        PodSpecDefaults.apply(spec.getTemplate());
        copyTemplateLabels(job);
    }

    /** generateSelector: unless the selector is manual, pods are selected by the job's uid. */
    @Override
    public void prepareForCreate(Job job) {
        JobSpec spec = job.getSpec();
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            return;
        }
        ObjectMeta meta = job.getMetadata();
        PodTemplateSpec template = spec.getTemplate() == null ? new PodTemplateSpec() : spec.getTemplate();
        spec.setTemplate(template);
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        template.setMetadata(templateMeta);
        Map<String, String> labels = new TreeMap<>(templateMeta.getLabels() == null ? Map.of() : templateMeta.getLabels());
        labels.putIfAbsent(LEGACY_JOB_NAME, meta.getName());
        labels.putIfAbsent(JOB_NAME, meta.getName());
        labels.putIfAbsent(LEGACY_CONTROLLER_UID, meta.getUid());
        labels.putIfAbsent(CONTROLLER_UID, meta.getUid());
        templateMeta.setLabels(labels);
        LabelSelector selector = spec.getSelector() == null ? new LabelSelector() : spec.getSelector();
        Map<String, String> matchLabels = new LinkedHashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        matchLabels.putIfAbsent(CONTROLLER_UID, meta.getUid());
        selector.setMatchLabels(matchLabels);
        spec.setSelector(selector);
        // upstream defaults the job's labels from the template's when it reads the job back
        copyTemplateLabels(job);
    }

    @Override
    public List<FieldError> validate(Job job) {
        JobSpec spec = spec(job);
        List<FieldError> errors = new ArrayList<>(WorkloadValidation.validate(spec.getSelector(), spec.getTemplate(), "job"));
        errors.addAll(PodSpecValidation.validate(spec.getTemplate(), "spec.template"));
        String restartPolicy = spec.getTemplate() == null || spec.getTemplate().getSpec() == null ? null
                : spec.getTemplate().getSpec().getRestartPolicy();
        if (restartPolicy != null && !restartPolicy.equals("OnFailure") && !restartPolicy.equals("Never")) {
            errors.add(FieldError.notSupported("spec.template.spec.restartPolicy", restartPolicy, List.of("OnFailure", "Never")));
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Job job, Job old) {
        List<FieldError> errors = new ArrayList<>(validate(job));
        errors.addAll(WorkloadValidation.immutable(spec(job).getSelector(), spec(old).getSelector()));
        if (!java.util.Objects.equals(spec(job).getTemplate(), spec(old).getTemplate())) {
            errors.add(FieldError.invalidRaw("spec.template", "core.PodTemplateSpec{...}", "field is immutable"));
        }
        return errors;
    }

    @Override
    public List<TableColumn<Job>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Status", "string", "Status of the job.", (j, now) -> status(j)),
                TableColumn.of("Completions", "string", "The completed job pods and the desired number of them.",
                        (j, now) -> completions(j)),
                TableColumn.of("Duration", "string", "Time required to complete the job.", JobStrategy::duration),
                StandardColumns.age(),
                TemplateColumns.containers(j -> spec(j).getTemplate()),
                TemplateColumns.images(j -> spec(j).getTemplate()),
                TemplateColumns.selector("A label query over pods that should match the pod count.",
                        j -> LabelSelectorStrings.of(spec(j).getSelector())));
    }

    private static void copyTemplateLabels(Job job) {
        PodTemplateSpec template = job.getSpec().getTemplate();
        Map<String, String> labels = template == null || template.getMetadata() == null ? null : template.getMetadata().getLabels();
        Map<String, String> own = job.getMetadata() == null ? null : job.getMetadata().getLabels();
        if (labels != null && (own == null || own.isEmpty()) && job.getMetadata() != null) {
            job.getMetadata().setLabels(new TreeMap<>(labels));
        }
    }

    private static String status(Job job) {
        JobStatus status = jobStatus(job);
        if (condition(status, "Complete")) {
            return "Complete";
        } else if (condition(status, "Failed")) {
            return "Failed";
        } else if (job.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        } else if (condition(status, "Suspended")) {
            return "Suspended";
        } else if (condition(status, "FailureTarget")) {
            return "FailureTarget";
        } else if (condition(status, "SuccessCriteriaMet")) {
            return "SuccessCriteriaMet";
        }
        return "Running";
    }

    private static String completions(Job job) {
        int succeeded = jobStatus(job).getSucceeded() == null ? 0 : jobStatus(job).getSucceeded();
        JobSpec spec = spec(job);
        if (spec.getCompletions() != null) {
            return succeeded + "/" + spec.getCompletions();
        }
        int parallelism = spec.getParallelism() == null ? 0 : spec.getParallelism();
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(Job job, Instant now) {
        JobStatus status = jobStatus(job);
        if (status.getStartTime() == null) {
            return "";
        }
        Instant start = Instant.parse(status.getStartTime());
        Instant end = status.getCompletionTime() == null ? now : Instant.parse(status.getCompletionTime());
        return HumanDuration.format(Duration.between(start, end));
    }

    private static boolean condition(JobStatus status, String type) {
        List<JobCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static JobSpec spec(Job job) {
        return job.getSpec() == null ? new JobSpec() : job.getSpec();
    }

    private static JobStatus jobStatus(Job job) {
        return job.getStatus() == null ? new JobStatus() : job.getStatus();
    }
}
