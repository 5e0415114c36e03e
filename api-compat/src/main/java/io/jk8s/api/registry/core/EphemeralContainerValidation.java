package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.jk8s.api.errors.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * validateEphemeralContainers (pkg/apis/core/validation): an ephemeral container is checked as a
 * container, its name must be unique among all the pod's containers, its target must name a
 * regular or init container, and what would make the pod rely on it (ports, probes, lifecycle,
 * resources, restart and resize policies, volume subpaths) is forbidden.
 */
final class EphemeralContainerValidation {

    private static final String FORBIDDEN = "cannot be set for an Ephemeral Container";

    /** The fields outside upstream's allowedEphemeralContainerFields, in the order of the Go struct. */
    private static final Map<String, Function<Container, Boolean>> DISALLOWED = disallowed();

    private EphemeralContainerValidation() {}

    /**
     * @param names         the names of the regular and init containers; each ephemeral container's name is added
     * @param checkContainer the checks every container gets (name, image, pull policy, ports)
     */
    static void validate(List<EphemeralContainer> ephemeral, String path, Set<String> names,
                         ContainerCheck checkContainer, List<FieldError> errors) {
        Set<String> targets = Set.copyOf(names);
        for (int i = 0; i < ephemeral.size(); i++) {
            EphemeralContainer container = ephemeral.get(i);
            String at = path + "[" + i + "]";
            Container common = PodSpecDefaults.asContainer(container);
            checkContainer.check(common, at, names, errors);
            String target = container.getTargetContainerName();
            if (target != null && !target.isEmpty() && !targets.contains(target)) {
                errors.add(FieldError.notFound(at + ".targetContainerName", target));
            }
            DISALLOWED.forEach((field, set) -> {
                if (set.apply(common)) {
                    errors.add(FieldError.forbidden(at + "." + field, FORBIDDEN));
                }
            });
            List<VolumeMount> mounts = PodSpecDefaults.orEmpty(common.getVolumeMounts());
            for (int m = 0; m < mounts.size(); m++) {
                if (present(mounts.get(m).getSubPath())) {
                    errors.add(FieldError.forbidden(at + ".volumeMounts[" + m + "].subPath", FORBIDDEN));
                }
                if (present(mounts.get(m).getSubPathExpr())) {
                    errors.add(FieldError.forbidden(at + ".volumeMounts[" + m + "].subPathExpr", FORBIDDEN));
                }
            }
        }
    }

    /** The container checks shared with regular and init containers. */
    interface ContainerCheck {
        void check(Container container, String path, Set<String> names, List<FieldError> errors);
    }

    private static Map<String, Function<Container, Boolean>> disallowed() {
        Map<String, Function<Container, Boolean>> fields = new LinkedHashMap<>();
        fields.put("ports", c -> !PodSpecDefaults.orEmpty(c.getPorts()).isEmpty());
        fields.put("resources", c -> !isEmpty(c.getResources()));
        fields.put("resizePolicy", c -> !PodSpecDefaults.orEmpty(c.getResizePolicy()).isEmpty());
        fields.put("restartPolicy", c -> c.getRestartPolicy() != null);
        fields.put("livenessProbe", c -> c.getLivenessProbe() != null);
        fields.put("readinessProbe", c -> c.getReadinessProbe() != null);
        fields.put("startupProbe", c -> c.getStartupProbe() != null);
        fields.put("lifecycle", c -> c.getLifecycle() != null);
        return fields;
    }

    private static boolean isEmpty(ResourceRequirements resources) {
        return resources == null || ((resources.getLimits() == null || resources.getLimits().isEmpty())
                && (resources.getRequests() == null || resources.getRequests().isEmpty())
                && (resources.getClaims() == null || resources.getClaims().isEmpty()));
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
