package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.jk8s.node.runtime.LinuxContainerConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A container's resources and security context for the runtime, as kuberuntime's
 * {@code generateLinuxContainerConfig} and {@code determineEffectiveSecurityContext} make them: the
 * container's settings override the pod's, limits become a CFS quota (100 ms period) and a memory
 * limit, and a CPU request becomes cpu shares (1024 per core).
 */
final class LinuxConfigGenerator {

    static final long CPU_PERIOD_MICROS = 100_000;
    /** kubelet's MinQuotaPeriod: the smallest quota the kernel accepts, 1 ms. */
    private static final long MIN_QUOTA_MICROS = 1_000;
    private static final int MIN_SHARES = 2;

    private LinuxConfigGenerator() {}

    static LinuxContainerConfig generate(Pod pod, Container c) {
        PodSecurityContext podContext = pod.getSpec().getSecurityContext();
        SecurityContext context = c.getSecurityContext();
        Long uid = first(context == null ? null : context.getRunAsUser(), podContext == null ? null : podContext.getRunAsUser());
        Long gid = first(context == null ? null : context.getRunAsGroup(), podContext == null ? null : podContext.getRunAsGroup());
        String user = uid == null ? null : gid == null ? uid.toString() : uid + ":" + gid;
        List<String> groups = new ArrayList<>();
        if (podContext != null) {
            if (podContext.getSupplementalGroups() != null) {
                podContext.getSupplementalGroups().forEach(g -> groups.add(g.toString()));
            }
            if (podContext.getFsGroup() != null) {
                groups.add(podContext.getFsGroup().toString());
            }
        }
        Capabilities caps = context == null ? null : context.getCapabilities();
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        long memory = limits == null || limits.get("memory") == null ? 0
                : Quantity.getAmountInBytes(limits.get("memory")).longValue();
        long cpuLimitMilli = milli(limits == null ? null : limits.get("cpu"));
        long quota = cpuLimitMilli == 0 ? 0 : Math.max(MIN_QUOTA_MICROS, cpuLimitMilli * CPU_PERIOD_MICROS / 1000);
        long cpuRequestMilli = milli(requests == null ? null : requests.get("cpu"));
        int shares = cpuRequestMilli == 0 ? 0 : (int) Math.max(MIN_SHARES, cpuRequestMilli * 1024 / 1000);
        return new LinuxContainerConfig(user, groups,
                context != null && Boolean.TRUE.equals(context.getPrivileged()),
                capabilities(caps == null ? null : caps.getAdd()), capabilities(caps == null ? null : caps.getDrop()),
                context != null && Boolean.TRUE.equals(context.getReadOnlyRootFilesystem()),
                context != null && Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()),
                memory, quota == 0 ? 0 : CPU_PERIOD_MICROS, quota, shares, null);
    }

    private static long milli(Quantity cpu) {
        return cpu == null ? 0 : Quantity.getAmountInBytes(cpu).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    /** Kubernetes accepts NET_ADMIN and CAP_NET_ADMIN alike; Docker wants the bare name. */
    private static List<String> capabilities(List<String> names) {
        return names == null ? List.of() : names.stream().map(n -> n.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")).toList();
    }

    private static Long first(Long a, Long b) {
        return a != null ? a : b;
    }
}
