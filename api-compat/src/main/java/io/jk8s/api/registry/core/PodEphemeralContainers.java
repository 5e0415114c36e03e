package io.jk8s.api.registry.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Subresource;
import io.jk8s.api.registry.SubresourceUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pods/ephemeralcontainers (pkg/registry/core/pod strategy.go podEphemeralContainersStrategy and
 * ValidatePodEphemeralContainersUpdate): a write through it changes only spec.ephemeralContainers,
 * and may only add entries; `kubectl debug` PATCHes it with a strategic merge patch.
 */
public final class PodEphemeralContainers implements SubresourceUpdate<Pod> {

    /** Served like pods/status: the Pod itself, read and written whole. */
    public static final Subresource SUBRESOURCE =
            new Subresource("ephemeralcontainers", "", "v1", "Pod", List.of("get", "patch", "update"));

    static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

    /** dropNonEphemeralContainerUpdates: metadata, the rest of the spec and the status stay as stored. */
    @Override
    public Pod take(Pod current, Pod requested) {
        List<EphemeralContainer> wanted = requested.getSpec() == null ? null : requested.getSpec().getEphemeralContainers();
        PodSpec spec = PodColumns.spec(current);
        spec.setEphemeralContainers(wanted == null ? null : new ArrayList<>(wanted));
        current.setSpec(spec);
        return current;
    }

    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        if (old.getMetadata().getAnnotations() != null && old.getMetadata().getAnnotations().containsKey(MIRROR_POD_ANNOTATION)) {
            // kube answers this one alone (#113935), at the empty field path, which it prints as "[]"
            return List.of(FieldError.forbidden("[]", "static pods do not support ephemeral containers"));
        }
        List<FieldError> errors = new ArrayList<>(PodSpecValidation.validate(PodColumns.spec(pod), "spec"));
        Map<String, JsonNode> added = new HashMap<>();
        for (EphemeralContainer container : PodSpecDefaults.orEmpty(pod.getSpec().getEphemeralContainers())) {
            added.put(container.getName(), ObjectCodec.JSON.valueToTree(container));
        }
        // a patch does not keep the order, so each existing one is looked up by name
        for (EphemeralContainer existing : PodSpecDefaults.orEmpty(PodColumns.spec(old).getEphemeralContainers())) {
            JsonNode now = added.get(existing.getName());
            if (now == null) {
                errors.add(FieldError.forbidden("spec.ephemeralContainers",
                        "existing ephemeral containers \"" + existing.getName() + "\" may not be removed\n"));
            } else if (!now.equals(ObjectCodec.JSON.valueToTree(existing))) {
                // upstream appends a cmp.Diff of the two, whose layout is deliberately unstable
                errors.add(FieldError.forbidden("spec.ephemeralContainers",
                        "existing ephemeral containers \"" + existing.getName() + "\" may not be changed\n"));
            }
        }
        return errors;
    }
}
