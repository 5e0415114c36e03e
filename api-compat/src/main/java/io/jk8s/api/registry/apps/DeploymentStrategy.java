package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.core.PodSpecDefaults;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.ArrayList;
import java.util.List;

/** Deployments (pkg/registry/apps/deployment/strategy.go, defaults from pkg/apis/apps/v1/defaults.go). */
public final class DeploymentStrategy implements Strategy<Deployment> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(Deployment deployment) {
        DeploymentSpec spec = spec(deployment);
        deployment.setSpec(spec);
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        var strategy = spec.getStrategy() == null ? new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy()
                : spec.getStrategy();
        if (strategy.getType() == null || strategy.getType().isEmpty()) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            RollingUpdateDeployment rolling = strategy.getRollingUpdate() == null ? new RollingUpdateDeployment()
                    : strategy.getRollingUpdate();
            if (rolling.getMaxUnavailable() == null) {
                rolling.setMaxUnavailable(new IntOrString("25%"));
            }
            if (rolling.getMaxSurge() == null) {
                rolling.setMaxSurge(new IntOrString("25%"));
            }
            strategy.setRollingUpdate(rolling);
        }
        spec.setStrategy(strategy);
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        PodSpecDefaults.apply(spec.getTemplate());
    }

    @Override
    public List<FieldError> validate(Deployment deployment) {
        return WorkloadValidation.validate(spec(deployment).getReplicas(), spec(deployment).getSelector(), spec(deployment).getTemplate(), "deployment");
    }

    @Override
    public List<FieldError> validateUpdate(Deployment deployment, Deployment old) {
        List<FieldError> errors = new ArrayList<>(validate(deployment));
        errors.addAll(WorkloadValidation.immutable(spec(deployment).getSelector(), spec(old).getSelector()));
        return errors;
    }

    @Override
    public List<TableColumn<Deployment>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Ready", "string", "Number of the pod with ready state",
                        (d, now) -> count(status(d).getReadyReplicas()) + "/" + count(spec(d).getReplicas())),
                TableColumn.of("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment "
                        + "that have the desired template spec.", (d, now) -> (long) count(status(d).getUpdatedReplicas())),
                TableColumn.of("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) "
                        + "targeted by this deployment.", (d, now) -> (long) count(status(d).getAvailableReplicas())),
                StandardColumns.age(),
                TemplateColumns.containers(d -> spec(d).getTemplate()),
                TemplateColumns.images(d -> spec(d).getTemplate()),
                TemplateColumns.selector("Label selector for pods. Existing ReplicaSets whose pods are selected by this "
                        + "will be the ones affected by this deployment.",
                        d -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(spec(d).getSelector()))));
    }

    private static DeploymentSpec spec(Deployment d) {
        return d.getSpec() == null ? new DeploymentSpec() : d.getSpec();
    }

    private static DeploymentStatus status(Deployment d) {
        return d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    }

    static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
