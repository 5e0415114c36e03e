package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.openapi.KubeNativeProperties;
import io.jk8s.api.openapi.PublishedSchema;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A custom resource version's schema as kube publishes it in {@code /openapi/v3} and
 * {@code /openapi/v2} (apiextensions-apiserver pkg/controller/openapi/builder): the structural part
 * of the definition's openAPIV3Schema (ToKubeOpenAPI, after Unfold spells int-or-string as
 * {@code anyOf}), with type meta and an ObjectMeta reference added. For v2 the junctors go, nullable
 * and preserve-unknown-fields levels lose their properties (ToStructuralOpenAPIV2), a root that
 * preserves unknown fields is a bare object, and defaults are pruned.
 */
final class PublishedSchemas {

    /** What a structural schema keeps (Generic, ValueValidation, Extensions and the structure itself). */
    private static final Set<String> STRUCTURAL = Set.of("description", "type", "title", "default", "nullable", "format",
            "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
            "minItems", "uniqueItems", "multipleOf", "enum", "maxProperties", "minProperties", "required", "allOf", "oneOf",
            "anyOf", "not", "properties", "items", "additionalProperties", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string", "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations");
    private static final Set<String> JUNCTORS = Set.of("allOf", "oneOf", "anyOf", "not");

    private PublishedSchemas() {}

    static PublishedSchema of(JSONSchemaProps root) {
        if (root == null) {
            ObjectNode bare = JsonNodeFactory.instance.objectNode().put("type", "object");
            return new PublishedSchema(bare, bare.deepCopy());
        }
        ObjectNode structural = structural(ObjectCodec.JSON.valueToTree(root));
        ObjectNode v3 = structural.deepCopy();
        unfold(v3);
        KubeNativeProperties.addTo(v3, false);
        ObjectNode v2;
        if (structural.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            // kubectl would refuse every field outside the listed ones (builder.go's buildKubeNative)
            v2 = JsonNodeFactory.instance.objectNode().put("type", "object");
        } else {
            v2 = structural.deepCopy();
            toV2(v2);
            KubeNativeProperties.addTo(v2, true);
        }
        return new PublishedSchema(v2, v3);
    }

    /**
     * Drops what a structural schema has no place for (examples, external docs, ...) and the false
     * flags Go omits; writes whole bounds as integers and properties in name order, as Go's encoder does.
     */
    private static ObjectNode structural(ObjectNode schema) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!STRUCTURAL.contains(field.getKey()) || (value.isBoolean() && !value.asBoolean()
                    && !field.getKey().equals("additionalProperties")) || value.isNull()) {
                it.remove();
            } else if (value.isFloatingPointNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0) {
                field.setValue(ObjectCodec.JSON.getNodeFactory().numberNode(value.decimalValue().toBigInteger()).canConvertToInt()
                        ? JsonNodeFactory.instance.numberNode(value.intValue())
                        : JsonNodeFactory.instance.numberNode(value.decimalValue().toBigInteger()));
            }
        }
        if (schema.get("properties") instanceof ObjectNode properties) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new java.util.TreeMap<String, JsonNode>(properties.properties().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).forEach(sorted::set);
            schema.set("properties", sorted);
        }
        eachSubschema(schema, PublishedSchemas::structural);
        return schema;
    }

    /** Unfold: an int-or-string level without the anyOf pattern gets it, as kube publishes it. */
    private static void unfold(ObjectNode schema) {
        eachSubschema(schema, PublishedSchemas::unfold);
        if (!schema.path("x-kubernetes-int-or-string").asBoolean() || intOrStringAnyOf(schema.path("anyOf"))
                || intOrStringAnyOf(schema.path("allOf").path(0).path("anyOf"))) {
            return;
        }
        ArrayNode anyOf = JsonNodeFactory.instance.arrayNode();
        anyOf.addObject().put("type", "integer");
        anyOf.addObject().put("type", "string");
        if (!schema.has("anyOf")) {
            schema.set("anyOf", anyOf);
        } else {
            ArrayNode allOf = JsonNodeFactory.instance.arrayNode();
            allOf.addObject().set("anyOf", anyOf);
            if (schema.get("allOf") instanceof ArrayNode existing) {
                allOf.addAll(existing);
            }
            schema.set("allOf", allOf);
        }
    }

    private static boolean intOrStringAnyOf(JsonNode anyOf) {
        return anyOf.size() == 2 && "integer".equals(anyOf.path(0).path("type").asText())
                && "string".equals(anyOf.path(1).path("type").asText());
    }

    /** ToStructuralOpenAPIV2, then handler.PruneDefaults (defaults are not published in v2). */
    private static void toV2(ObjectNode schema) {
        JUNCTORS.forEach(schema::remove);
        schema.remove("default");
        if (schema.path("nullable").asBoolean()) {
            schema.remove(java.util.List.of("type", "nullable", "items", "properties"));
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            schema.remove(java.util.List.of("items", "properties"));
        }
        if (!schema.has("items") && "array".equals(schema.path("type").asText())) {
            schema.remove("type");
        }
        JsonNode properties = schema.path("properties");
        if (schema.get("required") instanceof ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (properties.path(required.get(i).asText()).path("nullable").asBoolean()) {
                    required.remove(i);
                }
            }
            if (schema.path("additionalProperties").path("nullable").asBoolean() || required.isEmpty()) {
                schema.remove("required");
            }
        }
        eachSubschema(schema, PublishedSchemas::toV2);
    }

    private static void eachSubschema(ObjectNode schema, java.util.function.Consumer<ObjectNode> action) {
        if (schema.get("properties") instanceof ObjectNode properties) {
            properties.elements().forEachRemaining(p -> {
                if (p instanceof ObjectNode o) {
                    action.accept(o);
                }
            });
        }
        for (String single : new String[] {"items", "additionalProperties", "not"}) {
            if (schema.get(single) instanceof ObjectNode o) {
                action.accept(o);
            }
        }
        for (String junctor : new String[] {"allOf", "oneOf", "anyOf"}) {
            if (schema.get(junctor) instanceof ArrayNode all) {
                all.elements().forEachRemaining(p -> {
                    if (p instanceof ObjectNode o) {
                        action.accept(o);
                    }
                });
            }
        }
    }
}
