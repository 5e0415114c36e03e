package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;

/** Removes the fields and list items a set names from an object (SMD typed.RemoveItems). */
final class ItemRemover {

    private final ApplySchema schema;

    ItemRemover(ApplySchema schema) {
        this.schema = schema;
    }

    JsonNode remove(JsonNode value, FieldSet set, ApplyType type) {
        return set.isEmpty() ? value : remove(value, set, type, FieldPath.ROOT);
    }

    private JsonNode remove(JsonNode value, FieldSet set, ApplyType type, FieldPath path) {
        if (value.isObject() && !(type instanceof ApplyType.ListOf) && !(type instanceof ApplyType.Scalar)) {
            ObjectNode out = ObjectCodec.JSON.createObjectNode();
            value.fields().forEachRemaining(field -> {
                FieldPath child = path.child(PathElement.field(field.getKey()));
                if (set.has(child)) {
                    return;
                }
                out.set(field.getKey(), set.hasMembersUnder(child)
                        ? remove(field.getValue(), set, schema.field(type, field.getKey()), child) : field.getValue());
            });
            return out;
        }
        if (value.isArray() && type instanceof ApplyType.ListOf && !type.atomic()) {
            ArrayNode out = ObjectCodec.JSON.createArrayNode();
            ApplyType itemType = schema.item(type);
            for (int i = 0; i < value.size(); i++) {
                FieldPath child = path.child(ApplySchema.itemElement(type, value.get(i), i));
                if (set.has(child)) {
                    continue;
                }
                out.add(set.hasMembersUnder(child) ? remove(value.get(i), set, itemType, child) : value.get(i));
            }
            return out;
        }
        return value;
    }
}
