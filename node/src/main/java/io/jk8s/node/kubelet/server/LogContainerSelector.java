package io.jk8s.node.kubelet.server;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which container's log {@code containerLogs} reads, from the pod's reported status, with kubelet's
 * answers when there is none (kubelet_pods.go validateContainerLogStatus): the running or exited
 * container, or the previous attempt for {@code previous=true}.
 */
final class LogContainerSelector {

    private LogContainerSelector() {}

    /** The runtime's container id; throws {@link IllegalArgumentException} with kubelet's message otherwise. */
    static String containerId(Pod pod, String container, boolean previous) {
        String podName = pod.getMetadata().getName();
        ContainerStatus status = find(pod, container).orElseThrow(() -> new IllegalArgumentException(
                "container \"" + container + "\" in pod \"" + podName + "\" is not available"));
        var last = status.getLastState() == null ? null : status.getLastState().getTerminated();
        var state = status.getState();
        String id;
        if (previous) {
            if (last == null || empty(last.getContainerID())) {
                throw new IllegalArgumentException("previous terminated container \"" + container + "\" in pod \""
                        + podName + "\" not found");
            }
            id = last.getContainerID();
        } else if (state != null && state.getRunning() != null) {
            id = status.getContainerID();
        } else if (state != null && state.getTerminated() != null) {
            id = state.getTerminated().getContainerID();
            if (empty(id)) {
                if (last == null || empty(last.getContainerID())) {
                    throw new IllegalArgumentException("container \"" + container + "\" in pod \"" + podName + "\" is terminated");
                }
                id = last.getContainerID();
            }
        } else if (last != null) {
            if (empty(last.getContainerID())) {
                throw new IllegalArgumentException("container \"" + container + "\" in pod \"" + podName + "\" is terminated");
            }
            id = last.getContainerID();
        } else if (state != null && state.getWaiting() != null) {
            String reason = state.getWaiting().getReason();
            String why = switch (reason == null ? "" : reason) {
                case "ErrImagePull" -> "image can't be pulled";
                case "ImagePullBackOff" -> "trying and failing to pull image";
                default -> reason;
            };
            throw new IllegalArgumentException("container \"" + container + "\" in pod \"" + podName
                    + "\" is waiting to start: " + why);
        } else {
            throw new IllegalArgumentException("container \"" + container + "\" in pod \"" + podName
                    + "\" is waiting to start - no logs yet");
        }
        // container ids are reported as <runtime>://<id>
        int scheme = id.indexOf("://");
        return scheme < 0 ? id : id.substring(scheme + 3);
    }

    private static Optional<ContainerStatus> find(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.of(pod.getStatus().getContainerStatuses(), pod.getStatus().getInitContainerStatuses(),
                        pod.getStatus().getEphemeralContainerStatuses())
                .filter(l -> l != null).flatMap(List::stream)
                .filter(s -> container.equals(s.getName())).findFirst();
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
