package io.jk8s.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * The pod-level settings a sandbox is created with (CRI {@code PodSandboxConfig}).
 *
 * @param attempt  the kubelet's count of sandboxes made for this pod, so a new one gets a new name
 * @param hostname the pod's hostname (its name unless spec.hostname says otherwise)
 * @param ports    hostPort mappings: published on the sandbox, because app containers share its network
 */
public record PodSandboxConfig(String podName, String namespace, String podUid, int attempt,
                               String hostname, Map<String, String> labels, List<PortMapping> ports) {

    public PodSandboxConfig {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    public static PodSandboxConfig of(String namespace, String podName, String podUid) {
        return new PodSandboxConfig(podName, namespace, podUid, 0, podName, Map.of(), List.of());
    }

    /** A container port of the pod; {@code hostPort} 0 means it is reachable on the pod IP only. */
    public record PortMapping(String protocol, int containerPort, int hostPort, String hostIp) {}
}
