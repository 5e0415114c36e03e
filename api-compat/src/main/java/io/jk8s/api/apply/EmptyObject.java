package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.List;

/**
 * The object a create is compared against: what an empty object of the kind serializes to in Go,
 * where struct-valued fields such as metadata, spec, status and a pod template's metadata and spec
 * are always present. Fields that exist there are not "added" themselves by a create, so their
 * managedFields entries carry no {@code "."} member, as upstream's do.
 */
final class EmptyObject {

    /** The value-typed (non-pointer) struct fields of kube's API types that matter for ownership. */
    private static final List<String> VALUE_STRUCTS = List.of("metadata", "spec", "status", "template", "jobTemplate",
            "strategy", "updateStrategy");
    /** Slices without omitempty, which Go writes as null in an empty object (PodSpec.Containers). */
    private static final List<String> NULL_LISTS = List.of("containers");
    private static final int MAX_DEPTH = 4;

    private EmptyObject() {}

    static ObjectNode of(ApplySchema schema, ApplyType root, String apiVersion, String kind) {
        ObjectNode out = skeleton(schema, root, 0);
        out.put("apiVersion", apiVersion);
        out.put("kind", kind);
        return out;
    }

    private static ObjectNode skeleton(ApplySchema schema, ApplyType type, int depth) {
        ObjectNode out = ObjectCodec.JSON.createObjectNode();
        if (!(type instanceof ApplyType.Struct struct) || depth >= MAX_DEPTH) {
            return out;
        }
        for (String field : VALUE_STRUCTS) {
            if (struct.schema().properties().containsKey(field)) {
                out.set(field, skeleton(schema, schema.field(type, field), depth + 1));
            }
        }
        for (String field : NULL_LISTS) {
            if (struct.schema().properties().containsKey(field)) {
                out.putNull(field);
            }
        }
        return out;
    }
}
