package io.jk8s.node.kubelet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A pod's ephemeral containers as the kubelet runs them: their common fields are a container's
 * (kubelet converts EphemeralContainerCommon to a Container the same way), so the config generator,
 * volumes and events treat them as containers, started once and never restarted.
 */
final class EphemeralContainers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EphemeralContainers() {}

    static List<EphemeralContainer> of(Pod pod) {
        return pod.getSpec().getEphemeralContainers() == null ? List.of() : pod.getSpec().getEphemeralContainers();
    }

    static Container asContainer(EphemeralContainer ephemeral) {
        ObjectNode common = JSON.valueToTree(ephemeral);
        common.remove("targetContainerName");
        return JSON.convertValue(common, Container.class);
    }

    static boolean isEphemeral(Pod pod, String name) {
        return of(pod).stream().anyMatch(e -> e.getName().equals(name));
    }

    /** The spec of any container of the pod (regular, init or ephemeral) by name. */
    static Optional<Container> spec(Pod pod, String name) {
        List<Container> init = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        return Stream.concat(Stream.concat(pod.getSpec().getContainers().stream(), init.stream()),
                        of(pod).stream().map(EphemeralContainers::asContainer))
                .filter(c -> c.getName().equals(name)).findFirst();
    }
}
