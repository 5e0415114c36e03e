package io.jk8s.node.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The labels and names that tie a Docker container to its pod. They are the ones kubelet's
 * dockershim used ({@code pkg/kubelet/dockershim/naming.go}, {@code labels.go}), so tools that know
 * those read ours, and they are all a restarted kubelet needs to adopt its containers.
 */
public final class PodLabels {

    public static final String POD_NAME = "io.kubernetes.pod.name";
    public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String POD_UID = "io.kubernetes.pod.uid";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** "podsandbox" or "container". */
    public static final String TYPE = "io.kubernetes.docker.type";
    public static final String SANDBOX_ID = "io.kubernetes.sandbox.id";
    /** The attempt (restart count for containers) the kubelet asked for. */
    public static final String ATTEMPT = "io.kubernetes.container.restartCount";
    public static final String PORTS = "io.kubernetes.container.ports";
    /** Marks what jk8s owns, so listing never picks up a user's own containers. */
    public static final String MANAGED = "io.jk8s.managed";

    public static final String TYPE_SANDBOX = "podsandbox";
    public static final String TYPE_CONTAINER = "container";
    /** dockershim's container name for the sandbox. */
    public static final String SANDBOX_CONTAINER_NAME = "POD";

    private PodLabels() {}

    public static Map<String, String> forSandbox(PodSandboxConfig pod) {
        Map<String, String> labels = new HashMap<>(pod.labels());
        labels.putAll(identity(pod.podName(), pod.namespace(), pod.podUid(), SANDBOX_CONTAINER_NAME, pod.attempt()));
        labels.put(TYPE, TYPE_SANDBOX);
        return labels;
    }

    public static Map<String, String> forContainer(Map<String, String> sandboxLabels, String sandboxId,
                                                   ContainerConfig container) {
        Map<String, String> labels = new HashMap<>(container.labels());
        labels.putAll(identity(sandboxLabels.get(POD_NAME), sandboxLabels.get(POD_NAMESPACE),
                sandboxLabels.get(POD_UID), container.name(), container.attempt()));
        labels.put(TYPE, TYPE_CONTAINER);
        labels.put(SANDBOX_ID, sandboxId);
        StringBuilder ports = new StringBuilder();
        container.ports().forEach(p -> ports.append(ports.length() == 0 ? "" : ",")
                .append(p.containerPort()).append('/').append(p.protocol() == null ? "TCP" : p.protocol()));
        if (ports.length() > 0) {
            labels.put(PORTS, ports.toString());
        }
        return labels;
    }

    /** {@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>}: unique per attempt, readable in {@code docker ps}. */
    public static String containerName(String container, String pod, String namespace, String uid, int attempt) {
        return String.join("_", "k8s", container, pod, namespace, uid, Integer.toString(attempt));
    }

    public static int attempt(Map<String, String> labels) {
        String value = labels.get(ATTEMPT);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static Map<String, String> identity(String pod, String namespace, String uid, String container, int attempt) {
        return Map.of(POD_NAME, pod, POD_NAMESPACE, namespace, POD_UID, uid, CONTAINER_NAME, container,
                ATTEMPT, Integer.toString(attempt), MANAGED, "true");
    }
}
