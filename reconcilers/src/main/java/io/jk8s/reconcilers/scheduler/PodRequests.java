package io.jk8s.reconcilers.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jk8s.reconcilers.framework.Owners;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pod takes from a node, computed once per pod (a pod's requests never change): cpu in
 * millicores and memory in bytes (its containers' requests plus its overhead), host ports, and its
 * controller for spreading.
 */
record PodRequests(long cpuMillis, long memoryBytes, List<Integer> hostPorts, String ownerUid) {

    static PodRequests of(Pod pod) {
        long cpu = 0;
        long memory = 0;
        List<Integer> ports = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
            if (requests != null) {
                cpu += millis(requests.get("cpu"));
                memory += bytes(requests.get("memory"));
            }
            if (c.getPorts() != null) {
                for (ContainerPort port : c.getPorts()) {
                    if (port.getHostPort() != null && port.getHostPort() > 0) {
                        ports.add(port.getHostPort());
                    }
                }
            }
        }
        // the RuntimeClass admission copied the sandbox's overhead into the pod; NodeResourcesFit counts it too
        Map<String, Quantity> overhead = pod.getSpec().getOverhead();
        if (overhead != null) {
            cpu += millis(overhead.get("cpu"));
            memory += bytes(overhead.get("memory"));
        }
        return new PodRequests(cpu, memory, ports, Owners.controllerOf(pod).map(ref -> ref.getUid()).orElse(null));
    }

    static long millis(Quantity quantity) {
        return quantity == null ? 0 : Quantity.getAmountInBytes(quantity).multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static long bytes(Quantity quantity) {
        return quantity == null ? 0 : Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
