package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fields an object sets (SMD typed.ToFieldSet): every scalar, atomic list or map, list item and
 * map entry, but not the declared struct fields on the way to them unless they are null or empty.
 */
final class FieldSetBuilder {

    private final ApplySchema schema;

    FieldSetBuilder(ApplySchema schema) {
        this.schema = schema;
    }

    FieldSet of(JsonNode object, ApplyType type) {
        TreeSet<FieldPath> out = new TreeSet<>();
        walk(object, type, FieldPath.ROOT, out);
        return FieldSet.of(out);
    }

    private void walk(JsonNode value, ApplyType type, FieldPath path, TreeSet<FieldPath> out) {
        if (type instanceof ApplyType.Scalar) {
            out.add(path);
        } else if (type instanceof ApplyType.ListOf) {
            if (type.atomic()) {
                out.add(path);
            } else if (value.isArray()) {
                ApplyType itemType = schema.item(type);
                for (int i = 0; i < value.size(); i++) {
                    FieldPath child = path.child(ApplySchema.itemElement(type, value.get(i), i));
                    walk(value.get(i), itemType, child, out);
                    out.add(child);
                }
            }
        } else if (type instanceof ApplyType.Untyped && !value.isObject()) {
            out.add(path);
        } else if (type.atomic() && !(type instanceof ApplyType.Untyped)) {
            out.add(path);
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                FieldPath child = path.child(PathElement.field(field.getKey()));
                JsonNode childValue = field.getValue();
                walk(childValue, schema.field(type, field.getKey()), child, out);
                if (childValue.isNull() || (childValue.isObject() && childValue.isEmpty())
                        || !ApplySchema.declares(type, field.getKey())) {
                    out.add(child);
                }
            }
        }
    }

    /**
     * SMD's Set.EnsureNamedFieldsAreMembers: adds the declared struct fields leading to members,
     * so that removing the set removes whole structs; map entries and list items are not added.
     */
    FieldSet ensureNamedFieldsAreMembers(FieldSet set, ApplyType root) {
        TreeSet<FieldPath> out = new TreeSet<>();
        Map<FieldPath, ApplyType> types = new HashMap<>();
        types.put(FieldPath.ROOT, root);
        for (FieldPath path : set.paths()) {
            out.add(path);
            for (int length = 1; length < path.size(); length++) {
                FieldPath prefix = path.prefix(length);
                PathElement last = prefix.last();
                ApplyType parent = typeAt(prefix.parent(), types);
                if (last.kind() == PathElement.Kind.FIELD && ApplySchema.declares(parent, last.name())) {
                    out.add(prefix);
                }
            }
        }
        return FieldSet.of(out);
    }

    private ApplyType typeAt(FieldPath path, Map<FieldPath, ApplyType> cache) {
        ApplyType known = cache.get(path);
        if (known != null) {
            return known;
        }
        ApplyType parent = typeAt(path.parent(), cache);
        PathElement last = path.last();
        ApplyType type = last.kind() == PathElement.Kind.FIELD ? schema.field(parent, last.name()) : schema.item(parent);
        cache.put(path, type);
        return type;
    }
}
