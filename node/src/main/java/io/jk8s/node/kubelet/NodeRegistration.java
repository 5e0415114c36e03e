package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeDaemonEndpointsBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Node object a kubelet registers: the well-known labels, capacity and allocatable, addresses,
 * nodeInfo, and the four conditions with the reasons and messages kubelet uses.
 */
public record NodeRegistration(String name, String internalIp, Map<String, Quantity> capacity, String containerRuntimeVersion,
        String osImage, String kernelVersion, int kubeletPort) {

    public static final String KUBELET_VERSION = "v1.32.4-jk8s";

    /** A node without a kubelet server (simulated): no daemon endpoint is reported. */
    public NodeRegistration(String name, String internalIp, Map<String, Quantity> capacity, String containerRuntimeVersion,
                            String osImage, String kernelVersion) {
        this(name, internalIp, capacity, containerRuntimeVersion, osImage, kernelVersion, 0);
    }

    /** The port of the kubelet's server, which kube-apiserver reaches for logs, exec and port-forward. */
    public NodeRegistration withKubeletPort(int port) {
        return new NodeRegistration(name, internalIp, capacity, containerRuntimeVersion, osImage, kernelVersion, port);
    }

    public Node node(String now) {
        Node node = new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels("beta.kubernetes.io/os", "linux")
                .addToLabels("beta.kubernetes.io/arch", "amd64")
                .endMetadata()
                .withNewStatus()
                .withCapacity(capacity)
                .withAllocatable(capacity)
                .withAddresses(new NodeAddressBuilder().withType("InternalIP").withAddress(internalIp).build(),
                        new NodeAddressBuilder().withType("Hostname").withAddress(name).build())
                .withNodeInfo(new NodeSystemInfoBuilder()
                        .withArchitecture("amd64")
                        .withOperatingSystem("linux")
                        .withOsImage(osImage)
                        .withKernelVersion(kernelVersion)
                        .withContainerRuntimeVersion(containerRuntimeVersion)
                        .withKubeletVersion(KUBELET_VERSION)
                        .withKubeProxyVersion(KUBELET_VERSION)
                        .withMachineID(UUID.nameUUIDFromBytes(name.getBytes()).toString().replace("-", ""))
                        .withSystemUUID(UUID.nameUUIDFromBytes(name.getBytes()).toString())
                        .withBootID(UUID.randomUUID().toString())
                        .build())
                .withConditions(conditions(now))
                .endStatus()
                .build();
        if (kubeletPort > 0) {
            node.getStatus().setDaemonEndpoints(new NodeDaemonEndpointsBuilder()
                    .withNewKubeletEndpoint().withPort(kubeletPort).endKubeletEndpoint().build());
        }
        return node;
    }

    /** What kubelet reports when all is well (kubelet's setNodeReadyCondition and friends). */
    public static List<NodeCondition> conditions(String now) {
        return List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now));
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String now) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(now).withLastTransitionTime(now).build();
    }
}
