package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jk8s.api.apply.ApplyType.ListOf;
import io.jk8s.api.apply.ApplyType.MapOf;
import io.jk8s.api.apply.ApplyType.Relationship;
import io.jk8s.api.apply.ApplyType.Scalar;
import io.jk8s.api.apply.ApplyType.Struct;
import io.jk8s.api.apply.ApplyType.Untyped;
import io.jk8s.api.openapi.FieldPatchMeta;
import io.jk8s.api.openapi.FieldSchema;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.openapi.SchemaType;
import io.jk8s.api.openapi.TypeSchema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link ApplyType}s off the schema catalog, with the rules kube's OpenAPI-to-SMD conversion
 * uses (managedfields typeconverter / SMD schemaconv): {@code x-kubernetes-list-type} first; without
 * it, a {@code merge} patch strategy with a merge key is a map keyed by it and without one a set;
 * other lists are atomic. Maps and structs are granular unless {@code x-kubernetes-map-type: atomic}.
 */
final class ApplySchema {

    /**
     * Defaults of list-map key fields that items may omit; upstream's OpenAPI declares
     * {@code default: "TCP"} on the {@code protocol} of container, service and endpoint ports.
     */
    private static final Map<String, JsonNode> KEY_DEFAULTS = Map.of("protocol", TextNode.valueOf("TCP"));

    /** One per catalog (one per server), so the resolved field types below are shared by requests. */
    private static final Map<SchemaCatalog, ApplySchema> BY_CATALOG = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    private final SchemaCatalog catalog;
    /**
     * The types of struct fields, by struct name and field name: resolving walks the catalog. Every
     * field of every write looks here, from many threads: no lock. A custom resource's struct of the
     * same name is replaced when its definition changes, and then starts a new entry.
     */
    private final Map<String, StructFields> structFields = new ConcurrentHashMap<>();

    private record StructFields(TypeSchema schema, Map<String, ApplyType> fields) {}

    private ApplySchema(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    static ApplySchema of(SchemaCatalog catalog) {
        return BY_CATALOG.computeIfAbsent(catalog, ApplySchema::new);
    }

    ApplyType root(TypeSchema schema) {
        return new Struct(schema, false);
    }

    ApplyType resolve(SchemaType type, FieldPatchMeta meta) {
        if (type instanceof SchemaType.Primitive) {
            return new Scalar();
        } else if (type instanceof SchemaType.Ref ref) {
            TypeSchema schema = catalog.type(ref.name()).orElse(null);
            if (schema == null || schema.special() == TypeSchema.Special.FREE_FORM) {
                return new Untyped();
            }
            if (schema.special() != TypeSchema.Special.NONE) {
                return new Scalar();
            }
            return new Struct(schema, "atomic".equals(schema.mapType()) || "atomic".equals(meta.mapType()));
        } else if (type instanceof SchemaType.ArrayOf array) {
            return list(array.items(), meta);
        } else if (type instanceof SchemaType.MapOf map) {
            return new MapOf(map.values(), "atomic".equals(meta.mapType()));
        }
        return new Untyped();
    }

    private static ListOf list(SchemaType items, FieldPatchMeta meta) {
        List<String> keys = !meta.listMapKeys().isEmpty() ? meta.listMapKeys()
                : meta.patchMergeKey() == null ? List.of() : List.of(meta.patchMergeKey());
        if (meta.listType() != null) {
            return switch (meta.listType()) {
                case "map" -> new ListOf(items, Relationship.MAP, keys);
                case "set" -> new ListOf(items, Relationship.SET, List.of());
                default -> new ListOf(items, Relationship.ATOMIC, List.of());
            };
        }
        if (meta.merges()) {
            return keys.isEmpty() ? new ListOf(items, Relationship.SET, List.of()) : new ListOf(items, Relationship.MAP, keys);
        }
        return new ListOf(items, Relationship.ATOMIC, List.of());
    }

    /** The type of {@code field} in a struct or map; undeclared fields are untyped. */
    ApplyType field(ApplyType parent, String field) {
        if (parent instanceof Struct struct) {
            Map<String, ApplyType> fields = fieldsOf(struct.schema());
            ApplyType known = fields.get(field);
            if (known == null) {
                FieldSchema declared = struct.schema().properties().get(field);
                known = declared == null ? new Untyped() : resolve(declared.type(), declared.patch());
                fields.put(field, known);
            }
            return known;
        } else if (parent instanceof MapOf map) {
            return resolve(map.values(), FieldPatchMeta.NONE);
        }
        return new Untyped();
    }

    private Map<String, ApplyType> fieldsOf(TypeSchema struct) {
        if (struct.name() == null) {
            return new HashMap<>();
        }
        StructFields known = structFields.get(struct.name());
        if (known == null || known.schema() != struct) {
            known = new StructFields(struct, new ConcurrentHashMap<>());
            structFields.put(struct.name(), known);
        }
        return known.fields();
    }

    /** Whether {@code field} is a declared field of a struct, rather than a map entry. */
    static boolean declares(ApplyType parent, String field) {
        return parent instanceof Struct struct && struct.schema().properties().containsKey(field);
    }

    ApplyType item(ApplyType list) {
        return list instanceof ListOf of ? resolve(of.items(), FieldPatchMeta.NONE) : new Untyped();
    }

    /** Whether an item of a list-map may omit the key field {@code key}. */
    static boolean hasKeyDefault(String key) {
        return KEY_DEFAULTS.containsKey(key);
    }

    /** The path element naming a list item: its key fields, its value, or its index. */
    static PathElement itemElement(ApplyType list, JsonNode item, int index) {
        if (list instanceof ListOf of) {
            if (of.relationship() == Relationship.MAP && item.isObject()) {
                Map<String, JsonNode> keys = new LinkedHashMap<>();
                for (String key : of.keys()) {
                    JsonNode value = item.get(key);
                    if (value == null || value.isNull()) {
                        value = KEY_DEFAULTS.get(key);
                    }
                    if (value != null) {
                        keys.put(key, value);
                    }
                }
                return PathElement.key(keys);
            } else if (of.relationship() == Relationship.SET) {
                return PathElement.value(item);
            }
        }
        return PathElement.index(index);
    }

    /** The type found at {@code path} below {@code root}. */
    ApplyType at(ApplyType root, FieldPath path) {
        ApplyType type = root;
        for (PathElement element : path.elements()) {
            type = element.kind() == PathElement.Kind.FIELD ? field(type, element.name()) : item(type);
        }
        return type;
    }
}
