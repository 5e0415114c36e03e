package io.jk8s.api.registry.apps;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.core.PodSpecDefaults;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** DaemonSets (pkg/registry/apps/daemonset/strategy.go, SetDefaults_DaemonSet). */
public final class DaemonSetStrategy implements Strategy<DaemonSet> {

    /**
     * apps/v1 has no {@code spec.templateGeneration}; kube keeps it in this annotation, which the
     * server owns: 1 on create, one more whenever the pod template changes, whatever the body says.
     * The DaemonSet controller labels its pods with it ({@code pod-template-generation}).
     */
    static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

    @Override
    public void prepareForCreate(DaemonSet ds) {
        setTemplateGeneration(ds, 1);
    }

    @Override
    public void prepareForUpdate(DaemonSet ds, DaemonSet old) {
        long generation = templateGeneration(old);
        setTemplateGeneration(ds, Objects.equals(spec(ds).getTemplate(), spec(old).getTemplate()) ? generation : generation + 1);
    }

    private static long templateGeneration(DaemonSet ds) {
        Map<String, String> annotations = ds.getMetadata().getAnnotations();
        try {
            return annotations == null || annotations.get(TEMPLATE_GENERATION) == null ? 0 : Long.parseLong(annotations.get(TEMPLATE_GENERATION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void setTemplateGeneration(DaemonSet ds, long generation) {
        Map<String, String> annotations = ds.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(ds.getMetadata().getAnnotations());
        annotations.put(TEMPLATE_GENERATION, Long.toString(generation));
        ds.getMetadata().setAnnotations(annotations);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public void applyDefaults(DaemonSet ds) {
        // kube's v1 conversion always writes the annotation (0 for a body without one), so a create's
        // managedFields give it to the creating manager; prepareForCreate/Update then set the real value
        if (ds.getMetadata() != null && (ds.getMetadata().getAnnotations() == null
                || !ds.getMetadata().getAnnotations().containsKey(TEMPLATE_GENERATION))) {
            setTemplateGeneration(ds, 0);
        }
        DaemonSetSpec spec = spec(ds);
        ds.setSpec(spec);
        DaemonSetUpdateStrategy update = spec.getUpdateStrategy() == null ? new DaemonSetUpdateStrategy()
                : spec.getUpdateStrategy();
        if (update.getType() == null) {
            update.setType("RollingUpdate");
        }
        if (update.getType().equals("RollingUpdate")) {
            RollingUpdateDaemonSet rolling = update.getRollingUpdate() == null ? new RollingUpdateDaemonSet()
                    : update.getRollingUpdate();
            if (rolling.getMaxUnavailable() == null) {
                rolling.setMaxUnavailable(new IntOrString(1));
            }
            if (rolling.getMaxSurge() == null) {
                rolling.setMaxSurge(new IntOrString(0));
            }
            update.setRollingUpdate(rolling);
        }
        spec.setUpdateStrategy(update);
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        PodSpecDefaults.apply(spec.getTemplate());
    }

    @Override
    public List<FieldError> validate(DaemonSet ds) {
        return WorkloadValidation.validate(null, spec(ds).getSelector(), spec(ds).getTemplate(), "daemonset");
    }

    @Override
    public List<FieldError> validateUpdate(DaemonSet ds, DaemonSet old) {
        List<FieldError> errors = new ArrayList<>(validate(ds));
        errors.addAll(WorkloadValidation.immutable(spec(ds).getSelector(), spec(old).getSelector()));
        return errors;
    }

    @Override
    public List<TableColumn<DaemonSet>> tableColumns() {
        return List.of(StandardColumns.name(),
                count("Desired", "The total number of nodes that should be running the daemon pod (including nodes "
                        + "correctly running the daemon pod).", DaemonSetStatus::getDesiredNumberScheduled),
                count("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the "
                        + "daemon pod.", DaemonSetStatus::getCurrentNumberScheduled),
                count("Ready", "numberReady is the number of nodes that should be running the daemon pod and have one or "
                        + "more of the daemon pod running with a Ready Condition.", DaemonSetStatus::getNumberReady),
                count("Up-to-date", "The total number of nodes that are running updated daemon pod",
                        DaemonSetStatus::getUpdatedNumberScheduled),
                count("Available", "The number of nodes that should be running the daemon pod and have one or more of the "
                        + "daemon pod running and available (ready for at least spec.minReadySeconds)",
                        DaemonSetStatus::getNumberAvailable),
                TableColumn.of("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit "
                        + "on a node. Selector which must match a node's labels for the pod to be scheduled on that node.",
                        (d, now) -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(
                                spec(d).getTemplate() == null || spec(d).getTemplate().getSpec() == null ? null
                                        : spec(d).getTemplate().getSpec().getNodeSelector()))),
                StandardColumns.age(),
                TemplateColumns.containers(d -> spec(d).getTemplate()),
                TemplateColumns.images(d -> spec(d).getTemplate()),
                TemplateColumns.selector("A label query over pods that are managed by the daemon set.",
                        d -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(spec(d).getSelector()))));
    }

    private static TableColumn<DaemonSet> count(String name, String description, Function<DaemonSetStatus, Integer> field) {
        return TableColumn.of(name, "integer", description, (d, now) -> (long) DeploymentStrategy.count(field.apply(status(d))));
    }

    private static DaemonSetSpec spec(DaemonSet d) {
        return d.getSpec() == null ? new DaemonSetSpec() : d.getSpec();
    }

    private static DaemonSetStatus status(DaemonSet d) {
        return d.getStatus() == null ? new DaemonSetStatus() : d.getStatus();
    }
}
