package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.runtime.ContainerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a pod's container spec into the runtime's {@link ContainerConfig}, as kuberuntime's
 * {@code generateContainerConfig} does. Env entries with a literal value are passed; the downward
 * API fields every pod can know (name, namespace, uid, IPs, node, service account) are resolved here
 * because they need no other object; references to ConfigMaps and Secrets are not resolved yet.
 */
final class ContainerConfigGenerator {

    private ContainerConfigGenerator() {}

    static ContainerConfig generate(Pod pod, Container c, int attempt, String podIp, String hostIp,
                                    List<ContainerConfig.Mount> mounts) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), Objects.requireNonNullElse(var.getValue(), ""));
            } else if (var.getValueFrom().getFieldRef() != null) {
                String value = fieldRef(pod, var.getValueFrom().getFieldRef().getFieldPath(), podIp, hostIp);
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
        }
        List<ContainerConfig.ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts().stream()
                .map(p -> new ContainerConfig.ContainerPort(p.getName(), p.getContainerPort(), p.getProtocol())).toList();
        return new ContainerConfig(c.getName(), c.getImage(), nullToEmpty(c.getCommand()), nullToEmpty(c.getArgs()), env,
                c.getWorkingDir(), ports, Map.of(), Boolean.TRUE.equals(c.getStdin()), Boolean.TRUE.equals(c.getTty()), attempt, mounts);
    }

    private static String fieldRef(Pod pod, String path, String podIp, String hostIp) {
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP" -> podIp;
            case "status.hostIP" -> hostIp;
            default -> null;
        };
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
