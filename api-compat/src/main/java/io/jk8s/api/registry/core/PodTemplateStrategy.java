package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.PodTemplate;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelSelectorStrings;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TemplateColumns;
import java.util.List;

/** PodTemplates (pkg/registry/core/podtemplate/strategy.go). */
public final class PodTemplateStrategy implements Strategy<PodTemplate> {

    @Override
    public void applyDefaults(PodTemplate template) {
        PodSpecDefaults.apply(template.getTemplate());
    }

    @Override
    public List<FieldError> validate(PodTemplate template) {
        return PodSpecValidation.validate(template.getTemplate(), "template");
    }

    @Override
    public List<TableColumn<PodTemplate>> tableColumns() {
        // unlike the workloads, the template's containers and images are not wide-only here
        return List.of(StandardColumns.name(),
                TemplateColumns.containers(PodTemplate::getTemplate).priority(0),
                TemplateColumns.images(PodTemplate::getTemplate).priority(0),
                TableColumn.of("Pod Labels", "string", "The labels for the pod template.",
                        (t, now) -> LabelSelectorStrings.orNone(LabelSelectorStrings.of(t.getTemplate() == null
                                || t.getTemplate().getMetadata() == null ? null : t.getTemplate().getMetadata().getLabels()))));
    }
}
