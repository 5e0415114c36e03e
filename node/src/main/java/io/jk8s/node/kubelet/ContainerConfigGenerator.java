package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.runtime.ContainerConfig;
import java.util.List;
import java.util.Map;

/**
 * Turns a pod's container spec into the runtime's {@link ContainerConfig}, as kuberuntime's
 * {@code generateContainerConfig} does: the environment from {@link EnvironmentResolver}, and
 * command and args with their {@code $(VAR)} references expanded against it, and the resources and security context from
 * {@link LinuxConfigGenerator}.
 */
final class ContainerConfigGenerator {

    private final EnvironmentResolver environment;
    private final String hostIp;

    ContainerConfigGenerator(EnvironmentResolver environment, String hostIp) {
        this.environment = environment;
        this.hostIp = hostIp;
    }

    /** @throws ContainerConfigException when a referenced ConfigMap, Secret or key is missing */
    ContainerConfig generate(Pod pod, Container c, int attempt, String podIp, List<ContainerConfig.Mount> mounts) {
        Map<String, String> env = environment.resolve(pod, c, podIp, hostIp);
        List<ContainerConfig.ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts().stream()
                .map(p -> new ContainerConfig.ContainerPort(p.getName(), p.getContainerPort(), p.getProtocol())).toList();
        return new ContainerConfig(c.getName(), c.getImage(), expand(c.getCommand(), env), expand(c.getArgs(), env), env,
                c.getWorkingDir(), ports, Map.of(), Boolean.TRUE.equals(c.getStdin()), Boolean.TRUE.equals(c.getTty()), attempt, mounts,
                LinuxConfigGenerator.generate(pod, c));
    }

    private static List<String> expand(List<String> list, Map<String, String> env) {
        return list == null ? List.of() : list.stream().map(s -> VariableExpansion.expand(s, env)).toList();
    }
}
