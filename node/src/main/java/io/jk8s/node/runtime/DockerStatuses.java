package io.jk8s.node.runtime;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.time.Instant;
import java.util.Map;

/** Turns Docker's view of a container into the runtime's {@link PodSandbox} and {@link ContainerStatus}. */
final class DockerStatuses {

    /** Docker's "never happened" time. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final PodNetwork network;

    DockerStatuses(PodNetwork network) {
        this.network = network;
    }

    PodSandbox sandbox(InspectContainerResponse c) {
        Map<String, String> labels = c.getConfig().getLabels();
        ContainerNetwork net = c.getNetworkSettings().getNetworks().get(network.name());
        return new PodSandbox(c.getId(), labels.get(PodLabels.POD_NAME), labels.get(PodLabels.POD_NAMESPACE),
                labels.get(PodLabels.POD_UID), PodLabels.attempt(labels), Boolean.TRUE.equals(c.getState().getRunning()),
                ip(net), time(c.getCreated()));
    }

    PodSandbox sandbox(Container c) {
        Map<String, String> labels = c.getLabels();
        ContainerNetwork net = c.getNetworkSettings() == null ? null
                : c.getNetworkSettings().getNetworks().get(network.name());
        return new PodSandbox(c.getId(), labels.get(PodLabels.POD_NAME), labels.get(PodLabels.POD_NAMESPACE),
                labels.get(PodLabels.POD_UID), PodLabels.attempt(labels), "running".equals(c.getState()),
                ip(net), Instant.ofEpochSecond(c.getCreated()));
    }

    ContainerStatus container(InspectContainerResponse c) {
        Map<String, String> labels = c.getConfig().getLabels();
        InspectContainerResponse.ContainerState s = c.getState();
        ContainerStatus.State state = state(s.getStatus());
        int exitCode = s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue();
        String reason = null;
        if (state == ContainerStatus.State.EXITED) {
            reason = Boolean.TRUE.equals(s.getOOMKilled()) ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
        }
        String message = s.getError() == null || s.getError().isEmpty() ? null : s.getError();
        return new ContainerStatus(c.getId(), labels.get(PodLabels.SANDBOX_ID), labels.get(PodLabels.POD_NAME),
                labels.get(PodLabels.POD_NAMESPACE), labels.get(PodLabels.POD_UID), labels.get(PodLabels.CONTAINER_NAME),
                PodLabels.attempt(labels), state, exitCode, reason, message, c.getConfig().getImage(), c.getImageId(),
                time(c.getCreated()), time(s.getStartedAt()), state == ContainerStatus.State.EXITED ? time(s.getFinishedAt()) : null);
    }

    static ContainerStatus.State state(String dockerStatus) {
        return switch (dockerStatus == null ? "" : dockerStatus) {
            case "created" -> ContainerStatus.State.CREATED;
            case "running", "paused", "restarting" -> ContainerStatus.State.RUNNING;
            case "exited", "dead" -> ContainerStatus.State.EXITED;
            default -> ContainerStatus.State.UNKNOWN;
        };
    }

    private static String ip(ContainerNetwork net) {
        return net == null || net.getIpAddress() == null || net.getIpAddress().isEmpty() ? null : net.getIpAddress();
    }

    private static Instant time(String dockerTime) {
        return dockerTime == null || dockerTime.isEmpty() || dockerTime.equals(ZERO_TIME) ? null : Instant.parse(dockerTime);
    }
}
