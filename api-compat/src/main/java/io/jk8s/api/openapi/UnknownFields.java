package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds and removes the fields of a JSON object that its schema does not declare. kube-apiserver
 * never stores such fields of built-in kinds; with {@code fieldValidation=Strict} it rejects them
 * and with {@code Warn} it names them in warnings, in the paths this returns ({@code spec.foo},
 * {@code spec.containers[0].bar}), as sigs.k8s.io/json reports them.
 */
public final class UnknownFields {

    private final SchemaCatalog catalog;

    public UnknownFields(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Removes undeclared fields from {@code object} (of schema {@code typeName}) and returns their paths. */
    public List<String> prune(JsonNode object, String typeName) {
        List<String> found = new ArrayList<>();
        visit(object, new SchemaType.Ref(typeName), "", found);
        return found;
    }

    private void visit(JsonNode node, SchemaType type, String path, List<String> found) {
        if (node == null || node.isNull()) {
            return;
        }
        if (type instanceof SchemaType.Ref ref) {
            TypeSchema schema = catalog.type(ref.name()).orElse(null);
            if (schema == null || schema.special() != TypeSchema.Special.NONE || !node.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) node).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                FieldSchema field = schema.properties().get(entry.getKey());
                if (field == null) {
                    found.add(child);
                    it.remove();
                } else {
                    visit(entry.getValue(), field.type(), child, found);
                }
            }
        } else if (type instanceof SchemaType.ArrayOf array && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), array.items(), path + "[" + i + "]", found);
            }
        } else if (type instanceof SchemaType.MapOf map && node.isObject()) {
            node.fields().forEachRemaining(e -> visit(e.getValue(), map.values(), path + "[" + e.getKey() + "]", found));
        }
    }
}
