package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kubectl's client-side apply annotation, as the apiserver's SSA keeps it meaningful for objects
 * moving between client-side and server-side apply (lastappliedmanager.go, lastappliedupdater.go).
 */
final class LastApplied {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    private LastApplied() {}

    /**
     * Fields kubectl may take without force when it moves to server-side apply: those the last
     * client-side apply set and that nobody changed since.
     */
    static Optional<FieldSet> allowedConflicts(JsonNode live, JsonNode liveObject, FieldSetBuilder sets, ApplySchema schema,
                                               ApplyType root) {
        String text = annotation(live);
        JsonNode lastApplied = text == null || text.isEmpty() ? null : FieldManager.readJson(text);
        if (lastApplied == null || !lastApplied.isObject()) {
            return Optional.empty();
        }
        FieldSet applied = sets.of(lastApplied, root);
        return Optional.of(applied.difference(Comparison.of(lastApplied, liveObject, root, schema).modified()));
    }

    /** Keeps the annotation (where the object has one) equal to what was applied now. */
    static void sync(JsonNode live, JsonNode config, ObjectNode out) {
        if (annotation(live) == null) {
            return;
        }
        ObjectNode applied = config.deepCopy();
        if (applied.path("metadata").get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(ANNOTATION);
        }
        out.withObject("metadata").withObject("annotations").put(ANNOTATION, sorted(applied).toString() + "\n");
    }

    private static String annotation(JsonNode object) {
        JsonNode value = object == null ? null : object.path("metadata").path("annotations").get(ANNOTATION);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** Go's encoding/json writes map keys in order; the annotation is compared as text by kubectl. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = ObjectCodec.JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = ObjectCodec.JSON.createArrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
