package io.jk8s.api.registry.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.core.PodSpecDefaults;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.ArrayList;
import java.util.List;

/** StatefulSets (pkg/registry/apps/statefulset/strategy.go, SetDefaults_StatefulSet). */
public final class StatefulSetStrategy implements Strategy<StatefulSet> {

    /** ValidateStatefulSetUpdate: everything else in the spec is fixed at create. */
    private static final List<String> MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
            "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(StatefulSet sts) {
        StatefulSetSpec spec = spec(sts);
        sts.setSpec(spec);
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getPodManagementPolicy() == null) {
            spec.setPodManagementPolicy("OrderedReady");
        }
        StatefulSetUpdateStrategy update = spec.getUpdateStrategy() == null ? new StatefulSetUpdateStrategy()
                : spec.getUpdateStrategy();
        if (update.getType() == null) {
            update.setType("RollingUpdate");
        }
        if (update.getType().equals("RollingUpdate") && update.getRollingUpdate() == null) {
            RollingUpdateStatefulSetStrategy rolling = new RollingUpdateStatefulSetStrategy();
            rolling.setPartition(0);
            update.setRollingUpdate(rolling);
        }
        spec.setUpdateStrategy(update);
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getPersistentVolumeClaimRetentionPolicy() == null) {
            spec.setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy("Retain", "Retain"));
        }
        PodSpecDefaults.apply(spec.getTemplate());
    }

    @Override
    public List<FieldError> validate(StatefulSet sts) {
        return WorkloadValidation.validate(spec(sts).getReplicas(), spec(sts).getSelector(), spec(sts).getTemplate(), "statefulset");
    }

    @Override
    public List<FieldError> validateUpdate(StatefulSet sts, StatefulSet old) {
        List<FieldError> errors = new ArrayList<>(validate(sts));
        ObjectNode next = ObjectCodec.JSON.valueToTree(spec(sts));
        ObjectNode previous = ObjectCodec.JSON.valueToTree(spec(old));
        next.remove(MUTABLE);
        previous.remove(MUTABLE);
        if (!next.equals(previous)) {
            errors.add(FieldError.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                    + "'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and "
                    + "'minReadySeconds' are forbidden"));
        }
        return errors;
    }

    @Override
    public List<TableColumn<StatefulSet>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Ready", "string", "Number of the pod with ready state",
                        (s, now) -> DeploymentStrategy.count(status(s).getReadyReplicas()) + "/"
                                + DeploymentStrategy.count(spec(s).getReplicas())),
                StandardColumns.age(),
                TemplateColumns.containers(s -> spec(s).getTemplate()),
                TemplateColumns.images(s -> spec(s).getTemplate()));
    }

    private static StatefulSetSpec spec(StatefulSet s) {
        return s.getSpec() == null ? new StatefulSetSpec() : s.getSpec();
    }

    private static StatefulSetStatus status(StatefulSet s) {
        return s.getStatus() == null ? new StatefulSetStatus() : s.getStatus();
    }
}
