package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data in {@code openapi/field-metadata.yaml}: required fields, patch and list semantics, and
 * which string fields are timestamps. Kept as data so that the OpenAPI documents and the patchers
 * cannot disagree about it.
 */
final class FieldMetadata {

    private static final String RESOURCE = "/openapi/field-metadata.yaml";

    private final JsonNode types;
    private final Set<String> timeFields;
    private final Set<String> microTimeFields;

    private FieldMetadata(JsonNode root) {
        this.types = root.path("types");
        this.timeFields = strings(root.path("timeFields"));
        this.microTimeFields = strings(root.path("microTimeFields"));
    }

    static FieldMetadata load() {
        return new FieldMetadata(DataFile.read(RESOURCE, ObjectCodec.YAML));
    }

    List<String> required(String typeName) {
        return List.copyOf(strings(types.path(typeName).path("required"), new ArrayList<>()));
    }

    String mapType(String typeName) {
        return text(types.path(typeName).path("mapType"));
    }

    FieldPatchMeta patch(String typeName, String field) {
        JsonNode node = types.path(typeName).path("fields").path(field);
        if (node.isMissingNode()) {
            return FieldPatchMeta.NONE;
        }
        return new FieldPatchMeta(text(node.path("patchStrategy")), text(node.path("patchMergeKey")),
                text(node.path("listType")), List.copyOf(strings(node.path("listMapKeys"), new ArrayList<>())),
                text(node.path("mapType")));
    }

    /** The named type a plain string field really is (metav1.Time, MicroTime), or null. */
    String stringFieldType(String field) {
        if (timeFields.contains(field)) {
            return SchemaNames.TIME;
        }
        return microTimeFields.contains(field) ? SchemaNames.MICRO_TIME : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Set<String> strings(JsonNode node) {
        return strings(node, new HashSet<>());
    }

    private static <C extends java.util.Collection<String>> C strings(JsonNode node, C into) {
        node.forEach(item -> into.add(item.asText()));
        return into;
    }
}
