package io.jk8s.api.registry.node;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelValidation;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RuntimeClasses (pkg/registry/node/runtimeclass/strategy.go, pkg/apis/node/validation): a name for
 * a CRI handler, which must be a DNS label and never changes.
 */
public final class RuntimeClassStrategy implements Strategy<RuntimeClass> {

    @Override
    public List<FieldError> validate(RuntimeClass runtimeClass) {
        String handler = runtimeClass.getHandler() == null ? "" : runtimeClass.getHandler();
        List<FieldError> errors = new ArrayList<>();
        NameRule.DNS1123_LABEL.check(handler).forEach(problem -> errors.add(FieldError.invalid("handler", handler, problem)));
        if (runtimeClass.getScheduling() != null && runtimeClass.getScheduling().getNodeSelector() != null) {
            errors.addAll(LabelValidation.validate(runtimeClass.getScheduling().getNodeSelector(), "scheduling.nodeSelector"));
        }
        return errors;
    }

    /** ValidateRuntimeClassUpdate checks only that the handler stays. */
    @Override
    public List<FieldError> validateUpdate(RuntimeClass runtimeClass, RuntimeClass old) {
        if (Objects.equals(runtimeClass.getHandler(), old.getHandler())) {
            return List.of();
        }
        return List.of(FieldError.invalid("handler", runtimeClass.getHandler() == null ? "" : runtimeClass.getHandler(),
                "field is immutable"));
    }

    /** printers.go printRuntimeClass (upstream's Handler column borrows an ObjectMeta doc that does not exist: empty). */
    @Override
    public List<TableColumn<RuntimeClass>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Handler", "string", "", (c, now) -> c.getHandler() == null ? "" : c.getHandler()),
                StandardColumns.age());
    }
}
