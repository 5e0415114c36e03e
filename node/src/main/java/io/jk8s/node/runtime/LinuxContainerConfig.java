package io.jk8s.node.runtime;

import java.util.List;

/**
 * The Linux settings of a container (CRI {@code LinuxContainerConfig}: its resources and security
 * context), already translated from the pod spec by the kubelet. Nulls and zeros mean "the runtime's
 * default".
 *
 * @param user             {@code uid} or {@code uid:gid}, or null for the image's user
 * @param supplementalGroups extra group ids (the pod's supplementalGroups and fsGroup)
 * @param capabilitiesAdd  capability names without {@code CAP_} (Kubernetes' spelling), e.g. NET_ADMIN
 * @param memoryLimitBytes the cgroup memory limit, 0 for none
 * @param cpuQuota         CFS quota in microseconds per {@code cpuPeriod}, 0 for none
 * @param cpuShares        relative CPU weight from the request, 0 for the default
 * @param pidTargetId      the runtime id of the container whose PID namespace this one joins (CRI's
 *                         NamespaceMode TARGET, for an ephemeral container's targetContainerName), or null
 */
public record LinuxContainerConfig(String user, List<String> supplementalGroups, boolean privileged,
                                   List<String> capabilitiesAdd, List<String> capabilitiesDrop, boolean readOnlyRootFilesystem,
                                   boolean noNewPrivileges, long memoryLimitBytes, long cpuPeriod, long cpuQuota, int cpuShares,
                                   String pidTargetId) {

    public static final LinuxContainerConfig DEFAULT =
            new LinuxContainerConfig(null, List.of(), false, List.of(), List.of(), false, false, 0, 0, 0, 0, null);

    public LinuxContainerConfig withPidTarget(String containerId) {
        return new LinuxContainerConfig(user, supplementalGroups, privileged, capabilitiesAdd, capabilitiesDrop,
                readOnlyRootFilesystem, noNewPrivileges, memoryLimitBytes, cpuPeriod, cpuQuota, cpuShares, containerId);
    }

    public LinuxContainerConfig {
        supplementalGroups = List.copyOf(supplementalGroups);
        capabilitiesAdd = List.copyOf(capabilitiesAdd);
        capabilitiesDrop = List.copyOf(capabilitiesDrop);
    }
}
