package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.LabelValidation;
import io.jk8s.api.registry.NameRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The most common pod spec checks, with the messages of pkg/apis/core/validation (ValidatePodSpec,
 * validateContainers, validateContainerPorts, validateRestartPolicy, validateEphemeralContainers); used
 * for pods and templates alike, under whatever field path the spec sits.
 */
public final class PodSpecValidation {

    private static final Set<String> RESTART_POLICIES = Set.of("Always", "OnFailure", "Never");
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

    private PodSpecValidation() {}

    /** A template: its labels and its spec, under {@code path} (e.g. "spec.template"). */
    public static List<FieldError> validate(PodTemplateSpec template, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (template == null) {
            errors.add(FieldError.required(path, ""));
            return errors;
        }
        if (template.getMetadata() != null) {
            errors.addAll(LabelValidation.validate(template.getMetadata().getLabels(), path + ".metadata.labels"));
        }
        if (template.getSpec() == null) {
            errors.add(FieldError.required(path + ".spec.containers", ""));
        } else {
            errors.addAll(validate(template.getSpec(), path + ".spec"));
            if (!PodSpecDefaults.orEmpty(template.getSpec().getEphemeralContainers()).isEmpty()) {
                errors.add(FieldError.forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template"));
            }
        }
        return errors;
    }

    public static List<FieldError> validate(PodSpec spec, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<Container> containers = PodSpecDefaults.orEmpty(spec.getContainers());
        if (containers.isEmpty()) {
            errors.add(FieldError.required(path + ".containers", ""));
        }
        Set<String> names = new HashSet<>();
        List<Container> init = PodSpecDefaults.orEmpty(spec.getInitContainers());
        for (int i = 0; i < init.size(); i++) {
            container(init.get(i), path + ".initContainers[" + i + "]", names, errors);
        }
        for (int i = 0; i < containers.size(); i++) {
            container(containers.get(i), path + ".containers[" + i + "]", names, errors);
        }
        EphemeralContainerValidation.validate(PodSpecDefaults.orEmpty(spec.getEphemeralContainers()),
                path + ".ephemeralContainers", names, PodSpecValidation::container, errors);
        String restartPolicy = spec.getRestartPolicy();
        if (restartPolicy != null && !RESTART_POLICIES.contains(restartPolicy)) {
            errors.add(FieldError.notSupported(path + ".restartPolicy", restartPolicy, List.of("Always", "OnFailure", "Never")));
        }
        return errors;
    }

    private static void container(Container container, String path, Set<String> names, List<FieldError> errors) {
        String name = container.getName();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        } else {
            NameRule.DNS1123_LABEL.check(name).forEach(p -> errors.add(FieldError.invalid(path + ".name", name, p)));
            if (!names.add(name)) {
                errors.add(FieldError.duplicate(path + ".name", name));
            }
        }
        if (container.getImage() == null || container.getImage().isBlank()) {
            errors.add(FieldError.required(path + ".image", ""));
        }
        String pull = container.getImagePullPolicy();
        if (pull != null && !PULL_POLICIES.contains(pull)) {
            errors.add(FieldError.notSupported(path + ".imagePullPolicy", pull, List.of("Always", "IfNotPresent", "Never")));
        }
        List<ContainerPort> ports = PodSpecDefaults.orEmpty(container.getPorts());
        for (int i = 0; i < ports.size(); i++) {
            Integer port = ports.get(i).getContainerPort();
            if (port == null || port < 1 || port > 65535) {
                errors.add(FieldError.invalid(path + ".ports[" + i + "].containerPort", port == null ? 0 : port,
                        "must be between 1 and 65535, inclusive"));
            }
        }
    }
}
