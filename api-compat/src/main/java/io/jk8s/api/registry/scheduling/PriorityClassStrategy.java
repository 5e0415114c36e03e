package io.jk8s.api.registry.scheduling;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PriorityClasses (pkg/registry/scheduling/priorityclass/strategy.go, pkg/apis/scheduling/validation),
 * with the Priority admission plugin's rule for them: only one class may be the global default.
 */
public final class PriorityClassStrategy implements Strategy<PriorityClass> {

    static final String GROUP = "scheduling.k8s.io";
    static final String PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";
    private static final List<String> PREEMPTION_POLICIES = List.of(PREEMPT_LOWER_PRIORITY, "Never");

    private PriorityClasses classes;

    @Override
    public void attach(Registry registry) {
        classes = new PriorityClasses(registry);
    }

    /**
     * SetDefaults_PriorityClass; and Go's zero values: {@code value} is a plain int32 (a missing
     * one is 0), {@code globalDefault} an omitempty bool (false is not written).
     */
    @Override
    public void applyDefaults(PriorityClass priorityClass) {
        if (priorityClass.getValue() == null) {
            priorityClass.setValue(0);
        }
        if (Boolean.FALSE.equals(priorityClass.getGlobalDefault())) {
            priorityClass.setGlobalDefault(null);
        }
        if (priorityClass.getPreemptionPolicy() == null) {
            priorityClass.setPreemptionPolicy(PREEMPT_LOWER_PRIORITY);
        }
    }

    /** ValidatePriorityClass, then (as kube's validating admission runs after validation) the single-default rule. */
    @Override
    public List<FieldError> validate(PriorityClass priorityClass) {
        List<FieldError> errors = new ArrayList<>();
        String name = priorityClass.getMetadata().getName();
        if (name != null && name.startsWith(SystemPriorityClasses.PREFIX)) {
            SystemPriorityClasses.mismatch(name, priorityClass.getValue(), isGlobalDefault(priorityClass))
                    .ifPresent(why -> errors.add(FieldError.forbidden("metadata.name", "priority class names with '"
                            + SystemPriorityClasses.PREFIX + "' prefix are reserved for system use only. error: " + why)));
        } else if (priorityClass.getValue() > SystemPriorityClasses.HIGHEST_USER_DEFINABLE) {
            errors.add(FieldError.forbidden("value", "maximum allowed value of a user defined priority is "
                    + SystemPriorityClasses.HIGHEST_USER_DEFINABLE));
        }
        String policy = priorityClass.getPreemptionPolicy();
        if (policy != null && policy.isEmpty()) {
            errors.add(FieldError.required("preemptionPolicy", ""));
        } else if (policy != null && !PREEMPTION_POLICIES.contains(policy)) {
            errors.add(FieldError.notSupported("preemptionPolicy", policy, PREEMPTION_POLICIES));
        }
        if (errors.isEmpty()) {
            admitGlobalDefault(priorityClass);
        }
        return errors;
    }

    /** ValidatePriorityClassUpdate: value and preemptionPolicy are immutable. */
    @Override
    public List<FieldError> validateUpdate(PriorityClass priorityClass, PriorityClass old) {
        List<FieldError> errors = new ArrayList<>();
        if (!Objects.equals(priorityClass.getValue(), old.getValue())) {
            errors.add(FieldError.forbidden("value", "may not be changed in an update."));
        }
        if (!Objects.equals(priorityClass.getPreemptionPolicy(), old.getPreemptionPolicy())) {
            errors.add(FieldError.invalid("preemptionPolicy", priorityClass.getPreemptionPolicy(), "field is immutable"));
        }
        if (errors.isEmpty()) {
            admitGlobalDefault(priorityClass);
        }
        return errors;
    }

    /** The Priority plugin's validatePriorityClass: a second default is refused, the default itself may be rewritten. */
    private void admitGlobalDefault(PriorityClass priorityClass) {
        if (!isGlobalDefault(priorityClass)) {
            return;
        }
        String name = priorityClass.getMetadata().getName();
        classes.globalDefault().filter(existing -> !existing.getMetadata().getName().equals(name)).ifPresent(existing -> {
            throw StatusErrors.forbidden(GROUP, "priorityclasses", name, "PriorityClass " + existing.getMetadata().getName()
                    + " is already marked as default. Only one default can exist");
        });
    }

    /** priorityclass/storage: the system classes stay. */
    @Override
    public void admitDelete(PriorityClass priorityClass) {
        String name = priorityClass.getMetadata().getName();
        if (SystemPriorityClasses.isSystem(name)) {
            throw StatusErrors.forbidden(GROUP, "priorityclasses", name, "this is a system priority class and cannot be deleted");
        }
    }

    @Override
    public List<TableColumn<PriorityClass>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Value", "integer", "value represents the integer value of this priority class. This is the "
                        + "actual priority that pods receive when they have the name of this class in their pod spec.",
                        (c, now) -> c.getValue() == null ? 0L : c.getValue().longValue()),
                TableColumn.of("Global-Default", "boolean", "globalDefault specifies whether this PriorityClass should be "
                        + "considered as the default priority for pods that do not have any priority class. Only one "
                        + "PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with "
                        + "their `globalDefault` field set to true, the smallest value of such global default PriorityClasses "
                        + "will be used as the default priority.", (c, now) -> isGlobalDefault(c)),
                StandardColumns.age(),
                TableColumn.of("PreemptionPolicy", "string", "preemptionPolicy is the Policy for preempting pods with lower "
                        + "priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.",
                        (c, now) -> c.getPreemptionPolicy() == null ? "" : c.getPreemptionPolicy()));
    }

    static boolean isGlobalDefault(PriorityClass priorityClass) {
        return Boolean.TRUE.equals(priorityClass.getGlobalDefault());
    }
}
