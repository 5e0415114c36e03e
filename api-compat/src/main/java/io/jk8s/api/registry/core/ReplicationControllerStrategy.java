package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.apps.Replicas;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ReplicationControllers (pkg/registry/core/replicationcontroller/strategy.go, SetDefaults_ReplicationController). */
public final class ReplicationControllerStrategy implements Strategy<ReplicationController> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(ReplicationController rc) {
        ReplicationControllerSpec spec = spec(rc);
        rc.setSpec(spec);
        Map<String, String> templateLabels = spec.getTemplate() == null || spec.getTemplate().getMetadata() == null
                ? null : spec.getTemplate().getMetadata().getLabels();
        if (templateLabels != null) {
            if (spec.getSelector() == null || spec.getSelector().isEmpty()) {
                spec.setSelector(new TreeMap<>(templateLabels));
            }
            if (rc.getMetadata() != null && (rc.getMetadata().getLabels() == null || rc.getMetadata().getLabels().isEmpty())) {
                rc.getMetadata().setLabels(new TreeMap<>(templateLabels));
            }
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        PodSpecDefaults.apply(spec.getTemplate());
    }

    @Override
    public List<FieldError> validate(ReplicationController rc) {
        ReplicationControllerSpec spec = spec(rc);
        List<FieldError> errors = new ArrayList<>(Replicas.validate(spec.getReplicas()));
        if (spec.getSelector() == null || spec.getSelector().isEmpty()) {
            errors.add(FieldError.required("spec.selector", ""));
        }
        errors.addAll(PodSpecValidation.validate(spec.getTemplate(), "spec.template"));
        return errors;
    }

    @Override
    public List<TableColumn<ReplicationController>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Desired", "integer", "Replicas is the number of desired replicas.",
                        (r, now) -> (long) count(spec(r).getReplicas())),
                TableColumn.of("Current", "integer", "Replicas is the most recently observed number of replicas.",
                        (r, now) -> (long) count(status(r).getReplicas())),
                TableColumn.of("Ready", "integer", "The number of ready replicas for this replication controller.",
                        (r, now) -> (long) count(status(r).getReadyReplicas())),
                StandardColumns.age(),
                TemplateColumns.containers(r -> spec(r).getTemplate()),
                TemplateColumns.images(r -> spec(r).getTemplate()),
                TemplateColumns.selector("Selector is a label query over pods that should match the Replicas count.",
                        r -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(spec(r).getSelector()))));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static ReplicationControllerSpec spec(ReplicationController r) {
        return r.getSpec() == null ? new ReplicationControllerSpec() : r.getSpec();
    }

    private static ReplicationControllerStatus status(ReplicationController r) {
        return r.getStatus() == null ? new ReplicationControllerStatus() : r.getStatus();
    }
}
