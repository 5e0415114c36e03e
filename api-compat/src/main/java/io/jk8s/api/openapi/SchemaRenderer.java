package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.openapi.TypeSchema.GroupVersionKind;

/** Writes catalog schemas as kube-openapi does, including the x-kubernetes-* extensions clients read. */
final class SchemaRenderer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Shared by every document: the descriptions never change, and reading them costs reflection. */
    private static final ModelDescriptions DESCRIPTIONS = new ModelDescriptions();

    private final Dialect dialect;

    SchemaRenderer(Dialect dialect) {
        this.dialect = dialect;
    }

    ObjectNode render(TypeSchema schema) {
        ObjectNode node = JSON.objectNode();
        DESCRIPTIONS.type(schema.name()).ifPresent(d -> node.put("description", d));
        switch (schema.special()) {
            case TIME, MICRO_TIME -> node.put("type", "string").put("format", "date-time");
            case QUANTITY -> {
                if (dialect == Dialect.V3) {
                    node.putArray("oneOf").add(JSON.objectNode().put("type", "string")).add(JSON.objectNode().put("type", "number"));
                } else {
                    node.put("type", "string");
                }
            }
            case INT_OR_STRING -> {
                if (dialect == Dialect.V3) {
                    node.putArray("oneOf").add(JSON.objectNode().put("type", "integer")).add(JSON.objectNode().put("type", "string"));
                } else {
                    node.put("type", "string");
                }
                node.put("format", "int-or-string");
            }
            case STRING -> node.put("type", "string");
            case FREE_FORM -> node.put("type", "object");
            case NONE -> renderObject(schema, node);
        }
        return node;
    }

    private void renderObject(TypeSchema schema, ObjectNode node) {
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        schema.properties().values().forEach(field -> properties.set(field.name(), field(schema.name(), field)));
        if (!schema.required().isEmpty()) {
            ArrayNode required = node.putArray("required");
            schema.required().forEach(required::add);
        }
        if (!schema.gvks().isEmpty()) {
            ArrayNode gvks = node.putArray("x-kubernetes-group-version-kind");
            schema.gvks().forEach(gvk -> gvks.add(gvk(gvk)));
        }
        if (schema.mapType() != null) {
            node.put("x-kubernetes-map-type", schema.mapType());
        }
    }

    private ObjectNode field(String owner, FieldSchema field) {
        ObjectNode node = JSON.objectNode();
        DESCRIPTIONS.field(owner, field.name()).ifPresent(d -> node.put("description", d));
        node.setAll(type(field.type(), true));
        FieldPatchMeta patch = field.patch();
        if (patch.patchMergeKey() != null) {
            node.put("x-kubernetes-patch-merge-key", patch.patchMergeKey());
        }
        if (patch.patchStrategy() != null) {
            node.put("x-kubernetes-patch-strategy", patch.patchStrategy());
        }
        if (patch.listType() != null) {
            node.put("x-kubernetes-list-type", patch.listType());
        }
        if (!patch.listMapKeys().isEmpty()) {
            ArrayNode keys = node.putArray("x-kubernetes-list-map-keys");
            patch.listMapKeys().forEach(keys::add);
        }
        if (patch.mapType() != null) {
            node.put("x-kubernetes-map-type", patch.mapType());
        }
        return node;
    }

    private ObjectNode type(SchemaType type, boolean property) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof SchemaType.Primitive p) {
            node.put("type", p.type());
            if (p.format() != null) {
                node.put("format", p.format());
            }
        } else if (type instanceof SchemaType.Ref ref) {
            ObjectNode target = dialect == Dialect.V3 && property ? node.putArray("allOf").addObject() : node;
            target.put("$ref", ref(ref.name()));
        } else if (type instanceof SchemaType.ArrayOf array) {
            node.put("type", "array");
            node.set("items", type(array.items(), true));
        } else if (type instanceof SchemaType.MapOf map) {
            node.put("type", "object");
            node.set("additionalProperties", type(map.values(), true));
        } else {
            node.put("type", "object");
        }
        return node;
    }

    String ref(String name) {
        return dialect.refPrefix + name;
    }

    static ObjectNode gvk(GroupVersionKind gvk) {
        return JSON.objectNode().put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
    }
}
