package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.openapi.TypeSchema.GroupVersionKind;
import io.jk8s.api.openapi.TypeSchema.Special;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.api.registry.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every schema the server publishes, derived once from the fabric8 model classes (their Jackson
 * properties are exactly the wire fields) plus {@link FieldMetadata}. The OpenAPI documents render
 * it; the strategic merge patcher and field validation walk it.
 */
public final class SchemaCatalog {

    private final Map<String, TypeSchema> types;
    private final Map<GroupVersionKind, String> byKind;
    /** Where the custom resources' schemas come from: they change while the server runs. */
    private ResourceTable table;

    private SchemaCatalog(Map<String, TypeSchema> types) {
        this.types = types;
        Map<GroupVersionKind, String> kinds = new HashMap<>();
        types.values().forEach(t -> t.gvks().forEach(gvk -> kinds.put(gvk, t.name())));
        this.byKind = kinds;
    }

    /** The schemas of every kind in the table, their lists, and what they reference. */
    public static SchemaCatalog of(ResourceTable table) {
        Builder builder = new Builder(FieldMetadata.load());
        for (ResourceType<?> type : table.all()) {
            builder.root(type.modelClass(), new GroupVersionKind(type.group(), type.version(), type.kind()));
            listClass(type.modelClass()).ifPresent(list ->
                    builder.root(list, new GroupVersionKind(type.group(), type.version(), type.listKind())));
        }
        builder.visit(Status.class);
        builder.visit(DeleteOptions.class);
        // the bodies of the scale, binding and serviceaccounts/token subresources
        builder.visit(Scale.class);
        builder.visit(Binding.class);
        builder.visit(io.fabric8.kubernetes.api.model.authentication.TokenRequest.class);
        SchemaCatalog catalog = builder.build();
        catalog.table = table;
        return catalog;
    }

    /** A built-in schema, or one of a custom resource served right now (see {@link io.jk8s.api.registry.Strategy#schemas}). */
    public Optional<TypeSchema> type(String name) {
        TypeSchema builtIn = types.get(name);
        return builtIn != null ? Optional.of(builtIn) : custom(t -> t.name().equals(name));
    }

    public Optional<TypeSchema> forKind(String group, String version, String kind) {
        GroupVersionKind gvk = new GroupVersionKind(group, version, kind);
        String builtIn = byKind.get(gvk);
        return builtIn != null ? Optional.ofNullable(types.get(builtIn)) : custom(t -> t.gvks().contains(gvk));
    }

    private Optional<TypeSchema> custom(java.util.function.Predicate<TypeSchema> which) {
        if (table == null) {
            return Optional.empty();
        }
        for (ResourceType<?> row : table.custom()) {
            for (TypeSchema schema : row.strategy().schemas()) {
                if (which.test(schema)) {
                    return Optional.of(schema);
                }
            }
        }
        return Optional.empty();
    }

    public Collection<TypeSchema> all() {
        return types.values();
    }

    /** {@code roots} and every schema they reference, in name order. */
    public Set<String> closure(Collection<String> roots) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            TypeSchema schema = types.get(name);
            if (schema == null || !seen.add(name)) {
                continue;
            }
            schema.properties().values().forEach(f -> references(f.type(), todo));
        }
        return seen;
    }

    private static void references(SchemaType type, Deque<String> into) {
        if (type instanceof SchemaType.Ref ref) {
            into.push(ref.name());
        } else if (type instanceof SchemaType.ArrayOf array) {
            references(array.items(), into);
        } else if (type instanceof SchemaType.MapOf map) {
            references(map.values(), into);
        }
    }

    private static Optional<Class<?>> listClass(Class<? extends HasMetadata> model) {
        try {
            return Optional.of(Class.forName(model.getName() + "List", false, model.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Reflects over model classes through Jackson, so property names and types are the wire's. */
    private static final class Builder {

        private final FieldMetadata metadata;
        private final Map<String, TypeSchema> types = new TreeMap<>();
        private final Map<String, List<GroupVersionKind>> gvks = new HashMap<>();

        Builder(FieldMetadata metadata) {
            this.metadata = metadata;
            special(SchemaNames.TIME, Special.TIME);
            special(SchemaNames.MICRO_TIME, Special.MICRO_TIME);
            special(SchemaNames.PATCH, Special.FREE_FORM);
            // fabric8 classes with their own serializers that write a string
            special(SchemaNames.META + "Duration", Special.STRING);
        }

        void root(Class<?> model, GroupVersionKind gvk) {
            gvks.computeIfAbsent(visit(model), n -> new ArrayList<>()).add(gvk);
        }

        SchemaCatalog build() {
            Map<String, TypeSchema> done = new TreeMap<>();
            types.forEach((name, t) -> done.put(name, new TypeSchema(name, t.special(), t.properties(), t.required(),
                    List.copyOf(gvks.getOrDefault(name, List.of())), t.mapType())));
            return new SchemaCatalog(done);
        }

        String visit(Class<?> model) {
            String name = SchemaNames.of(model);
            if (types.containsKey(name)) {
                return name;
            }
            if (model == Quantity.class) {
                return special(name, Special.QUANTITY);
            } else if (model == IntOrString.class) {
                return special(name, Special.INT_OR_STRING);
            } else if (name.equals(SchemaNames.META + "FieldsV1") || name.equals(SchemaNames.RAW_EXTENSION)
                    || model.getSimpleName().startsWith("JSONSchemaPropsOr")) {
                // JSONSchemaPropsOrBool and friends are a schema or a bool/array, with their own JSON form
                return special(name, Special.FREE_FORM);
            }
            Map<String, FieldSchema> properties = new TreeMap<>();
            // registered before the fields are visited, so recursive types terminate
            types.put(name, new TypeSchema(name, Special.NONE, properties, metadata.required(name), List.of(),
                    metadata.mapType(name)));
            JavaType javaType = ObjectCodec.JSON.constructType(model);
            BeanDescription bean = ObjectCodec.JSON.getSerializationConfig().introspect(javaType);
            Map<String, FieldSchema> found = new LinkedHashMap<>();
            for (BeanPropertyDefinition property : bean.findProperties()) {
                if (!property.couldSerialize() || property.getPrimaryType() == null) {
                    continue;
                }
                String field = property.getName();
                found.put(field, new FieldSchema(field, typeOf(property.getPrimaryType(), field), metadata.patch(name, field)));
            }
            properties.putAll(found);
            return name;
        }

        private String special(String name, Special special) {
            types.put(name, new TypeSchema(name, special, Map.of(), List.of(), List.of(), null));
            return name;
        }

        private SchemaType typeOf(JavaType type, String field) {
            if (type.isCollectionLikeType() || type.isArrayType()) {
                return new SchemaType.ArrayOf(typeOf(type.getContentType(), field));
            }
            if (type.isMapLikeType()) {
                return new SchemaType.MapOf(typeOf(type.getContentType(), field));
            }
            Class<?> raw = type.getRawClass();
            if (raw == String.class) {
                String named = metadata.stringFieldType(field);
                return named == null ? SchemaType.string() : new SchemaType.Ref(named);
            } else if (raw == Integer.class || raw == int.class) {
                return new SchemaType.Primitive("integer", "int32");
            } else if (raw == Long.class || raw == long.class) {
                return new SchemaType.Primitive("integer", "int64");
            } else if (raw == Boolean.class || raw == boolean.class) {
                return new SchemaType.Primitive("boolean", null);
            } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
                return new SchemaType.Primitive("number", "double");
            } else if (raw.getPackageName().startsWith("io.fabric8.kubernetes.api.model")
                    && !raw.isInterface() && !raw.getSimpleName().equals("AnyType") && !JsonNode.class.isAssignableFrom(raw)) {
                return new SchemaType.Ref(visit(raw));
            } else if (raw.isInterface() && raw.getSimpleName().equals("KubernetesResource")) {
                return new SchemaType.Ref(visit(raw));
            }
            return new SchemaType.FreeForm();
        }
    }
}
