package io.jk8s.api.registry.batch;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.core.PodSpecDefaults;
import io.jk8s.api.registry.core.PodSpecValidation;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.ArrayList;
import java.util.List;

/** CronJobs (pkg/registry/batch/cronjob/strategy.go, SetDefaults_CronJob). */
public final class CronJobStrategy implements Strategy<CronJob> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(CronJob cronJob) {
        CronJobSpec spec = spec(cronJob);
        cronJob.setSpec(spec);
        if (spec.getConcurrencyPolicy() == null) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(3);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(1);
        }
        PodSpecDefaults.apply(template(cronJob));
    }

    @Override
    public List<FieldError> validate(CronJob cronJob) {
        List<FieldError> errors = new ArrayList<>();
        if (spec(cronJob).getSchedule() == null || spec(cronJob).getSchedule().isEmpty()) {
            errors.add(FieldError.required("spec.schedule", ""));
        }
        errors.addAll(PodSpecValidation.validate(template(cronJob), "spec.jobTemplate.spec.template"));
        return errors;
    }

    @Override
    public List<TableColumn<CronJob>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Schedule", "string", "The schedule in Cron format, see "
                        + "https://en.wikipedia.org/wiki/Cron.", (c, now) -> spec(c).getSchedule()),
                TableColumn.of("Timezone", "string", "The time zone name for the given schedule, see "
                        + "https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.",
                        (c, now) -> spec(c).getTimeZone() == null ? "<none>" : spec(c).getTimeZone()),
                TableColumn.of("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions, it "
                        + "does not apply to already started executions.  Defaults to false.",
                        (c, now) -> spec(c).getSuspend() == null ? "<unset>" : spec(c).getSuspend() ? "True" : "False"),
                TableColumn.of("Active", "integer", "A list of pointers to currently running jobs.",
                        (c, now) -> c.getStatus() == null || c.getStatus().getActive() == null ? 0L
                                : (long) c.getStatus().getActive().size()),
                TableColumn.of("Last Schedule", "string", "Information when was the last time the job was successfully "
                        + "scheduled.", (c, now) -> c.getStatus() == null || c.getStatus().getLastScheduleTime() == null
                        ? "<none>" : StandardColumns.age(c.getStatus().getLastScheduleTime(), now)),
                StandardColumns.age(),
                TemplateColumns.containers(CronJobStrategy::template),
                TemplateColumns.images(CronJobStrategy::template),
                TemplateColumns.selector("A label query over pods that should match the pod count.",
                        c -> LabelSelectorStrings.of(jobSpec(c).getSelector())));
    }

    private static CronJobSpec spec(CronJob c) {
        return c.getSpec() == null ? new CronJobSpec() : c.getSpec();
    }

    private static JobSpec jobSpec(CronJob c) {
        return spec(c).getJobTemplate() == null || spec(c).getJobTemplate().getSpec() == null ? new JobSpec()
                : spec(c).getJobTemplate().getSpec();
    }

    private static PodTemplateSpec template(CronJob c) {
        return jobSpec(c).getTemplate();
    }
}
