package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ResourceStore;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pods/binding (pkg/registry/core/pod/storage BindingREST): the scheduler assigns a pod to a node by
 * POSTing a Binding; the pod gets spec.nodeName, the binding's annotations and a PodScheduled
 * condition, in one write.
 */
public final class PodBinding {

    private PodBinding() {}

    public static void bind(ResourceStore<Pod> pods, String namespace, String podName, Binding binding) {
        if (binding.getMetadata() != null && binding.getMetadata().getName() != null
                && !binding.getMetadata().getName().equals(podName)) {
            throw StatusErrors.badRequest("name in URL does not match name in Binding object");
        }
        String kind = binding.getTarget() == null ? null : binding.getTarget().getKind();
        if (kind != null && !kind.isEmpty() && !kind.equals("Node")) {
            throw StatusErrors.badRequest("must be empty or 'Node'");
        }
        String node = binding.getTarget() == null ? null : binding.getTarget().getName();
        String uid = binding.getMetadata() == null ? null : binding.getMetadata().getUid();
        pods.modifyWithStatus(namespace, podName, binding.getMetadata() == null ? null
                : binding.getMetadata().getResourceVersion(), pod -> {
            if (uid != null && !uid.isEmpty() && !uid.equals(pod.getMetadata().getUid())) {
                throw StatusErrors.conflict("", "pods", podName);
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                throw StatusErrors.conflictBecause("", "pods", podName,
                        "pod " + podName + " is being deleted, cannot be assigned to a host");
            }
            if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
                throw StatusErrors.conflictBecause("", "pods", podName,
                        "pod " + podName + " is already assigned to node \"" + pod.getSpec().getNodeName() + "\"");
            }
            pod.getSpec().setNodeName(node);
            if (binding.getMetadata() != null && binding.getMetadata().getAnnotations() != null) {
                Map<String, String> annotations = new HashMap<>(pod.getMetadata().getAnnotations() == null
                        ? Map.of() : pod.getMetadata().getAnnotations());
                annotations.putAll(binding.getMetadata().getAnnotations());
                pod.getMetadata().setAnnotations(annotations);
            }
            PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
            List<PodCondition> conditions = new ArrayList<>(PodSpecDefaults.orEmpty(status.getConditions()));
            conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
            PodCondition scheduled = new PodCondition();
            scheduled.setType("PodScheduled");
            scheduled.setStatus("True");
            scheduled.setLastTransitionTime(DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            conditions.add(scheduled);
            status.setConditions(conditions);
            pod.setStatus(status);
            return pod;
        });
    }
}
