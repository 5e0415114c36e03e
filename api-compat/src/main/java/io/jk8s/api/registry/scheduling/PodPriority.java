package io.jk8s.api.registry.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import java.util.Optional;

/**
 * kube-apiserver's Priority admission plugin for pod creates (plugin/pkg/admission/priority):
 * {@code spec.priorityClassName} (or the global default class) decides {@code spec.priority} and
 * {@code spec.preemptionPolicy}; a client may only send values that agree with it.
 */
public final class PodPriority {

    private final PriorityClasses classes;

    public PodPriority(Registry registry) {
        this.classes = new PriorityClasses(registry);
    }

    /** The plugin set priority and preemption policy on create: an update that leaves them out keeps them. */
    public void admitUpdate(Pod pod, Pod old) {
        PodSpec spec = pod.getSpec();
        if (spec.getPriority() == null && old.getSpec() != null) {
            spec.setPriority(old.getSpec().getPriority());
        }
        if (spec.getPreemptionPolicy() == null && old.getSpec() != null) {
            spec.setPreemptionPolicy(old.getSpec().getPreemptionPolicy());
        }
    }

    public void admitCreate(Pod pod) {
        PodSpec spec = pod.getSpec();
        String name = pod.getMetadata().getName();
        int priority;
        String policy;
        if (spec.getPriorityClassName() == null || spec.getPriorityClassName().isEmpty()) {
            Optional<PriorityClass> globalDefault = classes.globalDefault();
            // DefaultPriorityWhenNoDefaultClassExists is 0, preempting lower priorities
            priority = globalDefault.map(PriorityClass::getValue).orElse(0);
            policy = globalDefault.map(PriorityClass::getPreemptionPolicy).orElse(PriorityClassStrategy.PREEMPT_LOWER_PRIORITY);
            globalDefault.ifPresent(c -> spec.setPriorityClassName(c.getMetadata().getName()));
        } else {
            PriorityClass priorityClass = classes.get(spec.getPriorityClassName()).orElseThrow(() ->
                    StatusErrors.forbidden("", "pods", name, "no PriorityClass with name " + spec.getPriorityClassName()
                            + " was found"));
            priority = priorityClass.getValue();
            policy = priorityClass.getPreemptionPolicy();
        }
        if (spec.getPriority() != null && spec.getPriority() != priority) {
            throw StatusErrors.forbidden("", "pods", name, "the integer value of priority (" + spec.getPriority()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        spec.setPriority(priority);
        if (policy != null) {
            if (spec.getPreemptionPolicy() != null && !spec.getPreemptionPolicy().equals(policy)) {
                throw StatusErrors.forbidden("", "pods", name, "the string value of PreemptionPolicy ("
                        + spec.getPreemptionPolicy() + ") must not be provided in pod spec; priority admission controller "
                        + "computed " + policy + " from the given PriorityClass name");
            }
            spec.setPreemptionPolicy(policy);
        }
    }
}
