package io.jk8s.api.registry.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-apiserver's RuntimeClass admission plugin for pod creates (plugin/pkg/admission/runtimeclass):
 * the named class must exist; its overhead becomes the pod's and its scheduling constraints are
 * merged into the pod's nodeSelector and tolerations.
 */
public final class PodRuntimeClass {

    private final Registry registry;

    public PodRuntimeClass(Registry registry) {
        this.registry = registry;
    }

    public void admitCreate(Pod pod) {
        PodSpec spec = pod.getSpec();
        String name = pod.getMetadata().getName();
        RuntimeClass runtimeClass = spec.getRuntimeClassName() == null ? null : find(name, spec.getRuntimeClassName());
        Map<String, Quantity> fixed = runtimeClass == null || runtimeClass.getOverhead() == null ? null
                : runtimeClass.getOverhead().getPodFixed();
        Map<String, Quantity> requested = spec.getOverhead();
        if (requested != null && !requested.isEmpty() && fixed == null) {
            throw forbidden(name, "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead");
        }
        if (fixed != null) {
            if (requested != null && !requested.isEmpty() && !requested.equals(fixed)) {
                throw forbidden(name, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
            }
            spec.setOverhead(new HashMap<>(fixed));
        }
        if (runtimeClass != null && runtimeClass.getScheduling() != null) {
            mergeNodeSelector(name, spec, runtimeClass.getScheduling().getNodeSelector());
            mergeTolerations(spec, runtimeClass.getScheduling().getTolerations());
        }
    }

    private RuntimeClass find(String pod, String className) {
        @SuppressWarnings("unchecked")
        ResourceType<RuntimeClass> type = (ResourceType<RuntimeClass>) registry.table()
                .find("node.k8s.io", "v1", "runtimeclasses").orElseThrow();
        try {
            return registry.storeFor(type).get(null, className);
        } catch (ApiException e) {
            if ("NotFound".equals(e.reason())) {
                throw forbidden(pod, "pod rejected: RuntimeClass \"" + className + "\" not found");
            }
            throw e;
        }
    }

    private static void mergeNodeSelector(String pod, PodSpec spec, Map<String, String> required) {
        if (required == null || required.isEmpty()) {
            return;
        }
        Map<String, String> selector = spec.getNodeSelector() == null ? new HashMap<>() : new HashMap<>(spec.getNodeSelector());
        required.forEach((key, value) -> {
            String present = selector.get(key);
            if (present != null && !present.equals(value)) {
                throw forbidden(pod, "conflict: runtimeClass.scheduling.nodeSelector[" + key + "] = " + value
                        + "; pod.spec.nodeSelector[" + key + "] = " + present);
            }
            selector.put(key, value);
        });
        spec.setNodeSelector(selector);
    }

    /** tolerations.MergeTolerations, short of its dropping of tolerations another one already covers: exact duplicates are skipped. */
    private static void mergeTolerations(PodSpec spec, List<Toleration> added) {
        if (added == null || added.isEmpty()) {
            return;
        }
        List<Toleration> merged = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
        added.stream().filter(t -> !merged.contains(t)).forEach(merged::add);
        spec.setTolerations(merged);
    }

    private static ApiException forbidden(String pod, String why) {
        return StatusErrors.forbidden("", "pods", pod, why);
    }
}
