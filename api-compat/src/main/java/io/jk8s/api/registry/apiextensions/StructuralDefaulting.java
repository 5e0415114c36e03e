package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code default}s of a version's structural schema (apiextensions-apiserver
 * pkg/apiserver/schema/defaulting/algorithm.go), applied to a request's object and to every object
 * read from storage, as kube's codec does when it decodes either. A property missing from an object
 * that is there gets its default (a copy), and so does a non-nullable null; defaults inside an
 * absent object apply only once that object is there (or has a default itself, which is then
 * defaulted in turn). Non-nullable nulls without a default are removed first
 * (PruneNonNullableNullsWithoutDefaults).
 */
final class StructuralDefaulting {

    private final JSONSchemaProps root;

    private StructuralDefaulting(JSONSchemaProps root) {
        this.root = root;
    }

    /** The defaulting of {@code root}, or null when it declares no default anywhere (nothing to do). */
    static StructuralDefaulting of(JSONSchemaProps root) {
        return hasDefaults(root) ? new StructuralDefaulting(root) : null;
    }

    static boolean hasDefaults(JSONSchemaProps schema) {
        if (schema == null) {
            return false;
        }
        if (schema.getDefault() != null && !schema.getDefault().isMissingNode()) {
            return true;
        }
        if (schema.getProperties() != null && schema.getProperties().values().stream().anyMatch(StructuralDefaulting::hasDefaults)) {
            return true;
        }
        return hasDefaults(items(schema)) || hasDefaults(additional(schema));
    }

    void apply(ObjectNode object) {
        pruneNullsWithoutDefaults(object, root);
        applyDefaults(object, root);
    }

    static void pruneNullsWithoutDefaults(JsonNode node, JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JSONSchemaProps property = property(schema, field.getKey());
                if (property == null) {
                    continue;
                }
                if (field.getValue().isNull() && !Boolean.TRUE.equals(property.getNullable()) && !hasDefault(property)) {
                    it.remove();
                } else {
                    pruneNullsWithoutDefaults(field.getValue(), property);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> pruneNullsWithoutDefaults(item, items(schema)));
        }
    }

    private static void applyDefaults(JsonNode node, JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        if (node instanceof ObjectNode object) {
            Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
            properties.forEach((name, property) -> {
                if (hasDefault(property) && (!object.has(name) || nonNullableNull(object.get(name), property))) {
                    object.set(name, property.getDefault().deepCopy());
                }
            });
            JSONSchemaProps additional = additional(schema);
            for (String name : new ArrayList<>(iterable(object.fieldNames()))) {
                JSONSchemaProps property = properties.get(name);
                if (property != null) {
                    applyDefaults(object.get(name), property);
                } else if (additional != null) {
                    if (nonNullableNull(object.get(name), additional) && hasDefault(additional)) {
                        object.set(name, additional.getDefault().deepCopy());
                    }
                    applyDefaults(object.get(name), additional);
                }
            }
        } else if (node instanceof ArrayNode array) {
            JSONSchemaProps items = items(schema);
            for (int i = 0; i < array.size(); i++) {
                if (items != null && nonNullableNull(array.get(i), items) && hasDefault(items)) {
                    array.set(i, items.getDefault().deepCopy());
                }
                applyDefaults(array.get(i), items);
            }
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    private static boolean nonNullableNull(JsonNode value, JSONSchemaProps schema) {
        return value != null && value.isNull() && !Boolean.TRUE.equals(schema.getNullable());
    }

    private static boolean hasDefault(JSONSchemaProps schema) {
        return schema.getDefault() != null && !schema.getDefault().isMissingNode();
    }

    private static JSONSchemaProps property(JSONSchemaProps schema, String name) {
        JSONSchemaProps declared = schema.getProperties() == null ? null : schema.getProperties().get(name);
        return declared != null ? declared : additional(schema);
    }

    static JSONSchemaProps items(JSONSchemaProps schema) {
        return schema.getItems() == null ? null : schema.getItems().getSchema();
    }

    static JSONSchemaProps additional(JSONSchemaProps schema) {
        return schema.getAdditionalProperties() == null ? null : schema.getAdditionalProperties().getSchema();
    }
}
