package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.openapi.FieldPatchMeta;
import io.jk8s.api.openapi.FieldSchema;
import io.jk8s.api.openapi.SchemaNames;
import io.jk8s.api.openapi.SchemaType;
import io.jk8s.api.openapi.TypeSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A custom resource version's openAPIV3Schema as schema catalog types, for field ownership and
 * server-side apply (what kube derives for structured-merge-diff from a CRD): objects with
 * properties are structs, additionalProperties maps, lists are atomic unless
 * x-kubernetes-list-type says otherwise, and anything without a type is untyped. The types are named
 * {@code <group>/<version>/<Kind>} plus their path, which no built-in schema name can be.
 */
final class CustomResourceTypeSchemas {

    private static final Set<String> TYPE_META = Set.of("apiVersion", "kind", "metadata");

    private CustomResourceTypeSchemas() {}

    static List<TypeSchema> of(String group, String version, String kind, JSONSchemaProps root) {
        String name = group + "/" + version + "/" + kind;
        List<TypeSchema> nested = new ArrayList<>();
        Map<String, FieldSchema> fields = new TreeMap<>();
        fields.put("apiVersion", new FieldSchema("apiVersion", new SchemaType.Primitive("string", null),
                FieldPatchMeta.NONE));
        fields.put("kind", new FieldSchema("kind", new SchemaType.Primitive("string", null), FieldPatchMeta.NONE));
        fields.put("metadata", new FieldSchema("metadata", new SchemaType.Ref(SchemaNames.META + "ObjectMeta"), FieldPatchMeta.NONE));
        if (root != null && root.getProperties() != null) {
            root.getProperties().forEach((field, schema) -> {
                if (!TYPE_META.contains(field)) {
                    fields.put(field, field(name + "." + field, field, schema, nested));
                }
            });
        }
        List<TypeSchema> all = new ArrayList<>();
        all.add(new TypeSchema(name, TypeSchema.Special.NONE, fields, root == null || root.getRequired() == null ? List.of()
                : List.copyOf(root.getRequired()), List.of(new TypeSchema.GroupVersionKind(group, version, kind)), null));
        all.addAll(nested);
        return List.copyOf(all);
    }

    private static FieldSchema field(String path, String field, JSONSchemaProps schema, List<TypeSchema> nested) {
        FieldPatchMeta meta = FieldPatchMeta.NONE;
        if ("array".equals(schema.getType())) {
            meta = new FieldPatchMeta(null, null, schema.getXKubernetesListType() == null ? "atomic" : schema.getXKubernetesListType(),
                    schema.getXKubernetesListMapKeys() == null ? List.of() : List.copyOf(schema.getXKubernetesListMapKeys()), null);
        } else if (schema.getXKubernetesMapType() != null) {
            meta = new FieldPatchMeta(null, null, null, List.of(), schema.getXKubernetesMapType());
        }
        return new FieldSchema(field, type(path, schema, nested), meta);
    }

    private static SchemaType type(String path, JSONSchemaProps schema, List<TypeSchema> nested) {
        if (schema == null) {
            return new SchemaType.FreeForm();
        }
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            return new SchemaType.Ref(SchemaNames.INT_OR_STRING);
        }
        String type = schema.getType() == null ? "" : schema.getType();
        switch (type) {
            case "object" -> {
                if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                    Map<String, FieldSchema> fields = new TreeMap<>();
                    schema.getProperties().forEach((field, property) ->
                            fields.put(field, field(path + "." + field, field, property, nested)));
                    nested.add(new TypeSchema(path, TypeSchema.Special.NONE, fields,
                            schema.getRequired() == null ? List.of() : List.copyOf(schema.getRequired()), List.of(),
                            schema.getXKubernetesMapType()));
                    return new SchemaType.Ref(path);
                }
                if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
                    return new SchemaType.MapOf(type(path + "[*]", schema.getAdditionalProperties().getSchema(), nested));
                }
                return new SchemaType.FreeForm();
            }
            case "array" -> {
                JSONSchemaProps items = schema.getItems() == null ? null : schema.getItems().getSchema();
                return new SchemaType.ArrayOf(type(path + "[]", items, nested));
            }
            case "string", "integer", "number", "boolean" -> {
                return new SchemaType.Primitive(type, schema.getFormat());
            }
            default -> {
                return new SchemaType.FreeForm();
            }
        }
    }
}
