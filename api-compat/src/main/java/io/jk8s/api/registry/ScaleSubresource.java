package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleStatus;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The scale subresource for every kind with {@code spec.replicas} (pkg/registry/apps/deployment
 * ScaleREST and friends): reads present the parent as an autoscaling/v1 Scale, writes set only the
 * parent's spec.replicas. Works on the JSON form, so no kind needs code of its own.
 */
public final class ScaleSubresource<T extends HasMetadata> {

    /**
     * Where the Scale's fields live in the parent, as field names from the root: spec.replicas,
     * status.replicas and spec.selector for the built-in kinds; a custom resource declares its own
     * (specReplicasPath, statusReplicasPath, labelSelectorPath; no selector path means none).
     */
    public record Paths(List<String> specReplicas, List<String> statusReplicas, List<String> labelSelector) {
        public static final Paths REPLICAS = new Paths(List.of("spec", "replicas"), List.of("status", "replicas"),
                List.of("spec", "selector"));
    }

    private final ResourceStore<T> store;
    private final WriteTracker tracker;

    /** @param tracker records the writer's ownership of the parent's spec.replicas (subresource "scale") */
    public ScaleSubresource(ResourceStore<T> store, WriteTracker tracker) {
        this.store = store;
        this.tracker = tracker;
    }

    public Scale get(String namespace, String name) {
        return toScale(store.get(namespace, name));
    }

    /** Sets the parent's replicas; a resourceVersion in the Scale is a precondition on the parent. */
    public Scale update(String namespace, String name, Scale scale) {
        return write(namespace, name, current -> scale);
    }

    /**
     * Sets the parent's replicas to what {@code patch} makes of its current Scale. As with kube's
     * patcher, a concurrent write to the parent makes the patch re-apply to the newer Scale rather
     * than fail; only a resourceVersion the patch itself sets is a precondition.
     */
    public Scale patch(String namespace, String name, UnaryOperator<Scale> patch) {
        return write(namespace, name, patch);
    }

    private Scale write(String namespace, String name, UnaryOperator<Scale> desired) {
        List<String> specReplicas = paths().specReplicas();
        T updated = store.modify(namespace, name, null, tracker, parent -> {
            // one JSON form of the parent: the Scale is read from it, then its replicas are set in it
            ObjectNode tree = ObjectCodec.JSON.valueToTree(parent);
            Scale scale = desired.apply(toScale(parent, tree));
            int replicas = validReplicas(name, scale);
            ObjectNode holder = tree;
            for (String field : specReplicas.subList(0, specReplicas.size() - 1)) {
                holder = holder.withObject(field);
            }
            holder.put(specReplicas.get(specReplicas.size() - 1), replicas);
            T next = treeToModel(tree);
            // the Scale's resourceVersion, if any, is the write's precondition
            next.getMetadata().setResourceVersion(scale.getMetadata() == null ? null : scale.getMetadata().getResourceVersion());
            return next;
        });
        return toScale(updated);
    }

    private static int validReplicas(String name, Scale scale) {
        if (scale.getMetadata() != null && scale.getMetadata().getName() != null && !scale.getMetadata().getName().equals(name)) {
            throw StatusErrors.badRequest("the name of the object (" + scale.getMetadata().getName()
                    + ") does not match the name on the URL (" + name + ")");
        }
        int replicas = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        if (replicas < 0) {
            throw StatusErrors.invalid("autoscaling", "Scale", name,
                    List.of(FieldError.invalid("spec.replicas", replicas, "must be greater than or equal to 0")));
        }
        return replicas;
    }

    private Scale toScale(T parent) {
        return toScale(parent, ObjectCodec.JSON.valueToTree(parent));
    }

    /** The Scale of {@code parent}, whose JSON form is {@code tree}. */
    private Scale toScale(T parent, ObjectNode tree) {
        ObjectMeta meta = new ObjectMeta();
        ObjectMeta parentMeta = parent.getMetadata();
        meta.setName(parentMeta.getName());
        meta.setNamespace(parentMeta.getNamespace());
        meta.setUid(parentMeta.getUid());
        meta.setResourceVersion(parentMeta.getResourceVersion());
        meta.setCreationTimestamp(parentMeta.getCreationTimestamp());
        Paths paths = paths();
        ScaleSpec spec = new ScaleSpec(at(tree, paths.specReplicas()).asInt(0));
        ScaleStatus status = new ScaleStatus(at(tree, paths.statusReplicas()).asInt(0),
                paths.labelSelector() == null ? null : selector(at(tree, paths.labelSelector())));
        Scale scale = new Scale("autoscaling/v1", "Scale", meta, spec, status);
        return scale;
    }

    private Paths paths() {
        return store.type().strategy().scalePaths();
    }

    private static JsonNode at(JsonNode tree, List<String> fields) {
        JsonNode node = tree;
        for (String field : fields) {
            node = node.path(field);
        }
        return node;
    }

    /**
     * Deployments and friends carry a LabelSelector, replication controllers a plain label map, a
     * custom resource the selector string itself.
     */
    private static String selector(JsonNode selector) {
        if (selector.isMissingNode() || selector.isNull()) {
            return null;
        }
        if (selector.isTextual()) {
            return selector.asText().isEmpty() ? null : selector.asText();
        }
        String text;
        if (selector.has("matchLabels") || selector.has("matchExpressions")) {
            text = LabelSelectorStrings.of(ObjectCodec.JSON.convertValue(selector, LabelSelector.class));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = ObjectCodec.JSON.convertValue(selector, Map.class);
            text = LabelSelectorStrings.of(labels);
        }
        return text.isEmpty() ? null : text;
    }

    private T treeToModel(ObjectNode tree) {
        try {
            return ObjectCodec.JSON.treeToValue(tree, store.type().modelClass());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw StatusErrors.internal(e);
        }
    }
}
