package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.core.PodSpecDefaults;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.ArrayList;
import java.util.List;

/** ReplicaSets (pkg/registry/apps/replicaset/strategy.go). */
public final class ReplicaSetStrategy implements Strategy<ReplicaSet> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(ReplicaSet rs) {
        ReplicaSetSpec spec = spec(rs);
        rs.setSpec(spec);
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        PodSpecDefaults.apply(spec.getTemplate());
    }

    @Override
    public List<FieldError> validate(ReplicaSet rs) {
        return WorkloadValidation.validate(spec(rs).getReplicas(), spec(rs).getSelector(), spec(rs).getTemplate(), "deployment");
    }

    @Override
    public List<FieldError> validateUpdate(ReplicaSet rs, ReplicaSet old) {
        List<FieldError> errors = new ArrayList<>(validate(rs));
        errors.addAll(WorkloadValidation.immutable(spec(rs).getSelector(), spec(old).getSelector()));
        return errors;
    }

    @Override
    public List<TableColumn<ReplicaSet>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Desired", "integer", "Replicas is the number of desired pods. This is a pointer to "
                        + "distinguish between explicit zero and unspecified. Defaults to 1.",
                        (r, now) -> (long) DeploymentStrategy.count(spec(r).getReplicas())),
                TableColumn.of("Current", "integer", "Replicas is the most recently observed number of non-terminating pods.",
                        (r, now) -> (long) DeploymentStrategy.count(status(r).getReplicas())),
                TableColumn.of("Ready", "integer", "The number of non-terminating pods targeted by this ReplicaSet with a "
                        + "Ready Condition.", (r, now) -> (long) DeploymentStrategy.count(status(r).getReadyReplicas())),
                StandardColumns.age(),
                TemplateColumns.containers(r -> spec(r).getTemplate()),
                TemplateColumns.images(r -> spec(r).getTemplate()),
                TemplateColumns.selector("Selector is a label query over pods that should match the replica count.",
                        r -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(spec(r).getSelector()))));
    }

    private static ReplicaSetSpec spec(ReplicaSet r) {
        return r.getSpec() == null ? new ReplicaSetSpec() : r.getSpec();
    }

    private static ReplicaSetStatus status(ReplicaSet r) {
        return r.getStatus() == null ? new ReplicaSetStatus() : r.getStatus();
    }
}
