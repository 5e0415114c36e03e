package io.jk8s.node.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container of a pod (CRI {@code ContainerConfig}). {@code command} replaces the image's
 * entrypoint and {@code args} its cmd, as Kubernetes defines them; an empty list keeps the image's.
 *
 * @param env     in the order given (later entries may refer to earlier ones in Kubernetes)
 * @param ports   declared container ports: informational, since the pod IP is the sandbox's
 * @param attempt the kubelet's restart count for this container, recorded on it
 * @param mounts  host directories bound into the container (the kubelet prepares them per volume)
 * @param linux   resources (cgroup limits) and security context
 */
public record ContainerConfig(String name, String image, List<String> command, List<String> args,
                              Map<String, String> env, String workingDir, List<ContainerPort> ports,
                              Map<String, String> labels, boolean stdin, boolean tty, int attempt, List<Mount> mounts,
                              LinuxContainerConfig linux) {

    /** A container with the runtime's default resources and security settings. */
    public ContainerConfig(String name, String image, List<String> command, List<String> args, Map<String, String> env,
                           String workingDir, List<ContainerPort> ports, Map<String, String> labels, boolean stdin, boolean tty,
                           int attempt, List<Mount> mounts) {
        this(name, image, command, args, env, workingDir, ports, labels, stdin, tty, attempt, mounts, LinuxContainerConfig.DEFAULT);
    }

    public ContainerConfig {
        linux = linux == null ? LinuxContainerConfig.DEFAULT : linux;
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
    }

    public static ContainerConfig of(String name, String image, String... command) {
        return new ContainerConfig(name, image, List.of(command), List.of(), Map.of(), null, List.of(),
                Map.of(), false, false, 0, List.of());
    }

    public ContainerConfig withEnv(Map<String, String> newEnv) {
        return new ContainerConfig(name, image, command, args, newEnv, workingDir, ports, labels, stdin, tty, attempt, mounts, linux);
    }

    public ContainerConfig withLinux(LinuxContainerConfig newLinux) {
        return new ContainerConfig(name, image, command, args, env, workingDir, ports, labels, stdin, tty, attempt, mounts, newLinux);
    }

    public ContainerConfig withAttempt(int newAttempt) {
        return new ContainerConfig(name, image, command, args, env, workingDir, ports, labels, stdin, tty, newAttempt, mounts, linux);
    }

    public record Mount(String hostPath, String containerPath, boolean readOnly) {}

    public record ContainerPort(String name, int containerPort, String protocol) {}
}
