package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two versions of an object (SMD typed.Comparison): paths added, modified and
 * removed. Leaves (scalars, atomic nodes, and empty-on-both-sides lists and maps) are compared by
 * value; a struct, map or list item that appears or disappears is itself added or removed, along
 * with everything under it.
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    boolean isSame() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    FieldSet changed() {
        return added.union(modified);
    }

    static Comparison of(JsonNode lhs, JsonNode rhs, ApplyType type, ApplySchema schema) {
        Walker walker = new Walker(schema);
        walker.compare(lhs, rhs, type, FieldPath.ROOT);
        return new Comparison(FieldSet.of(walker.added), FieldSet.of(walker.modified), FieldSet.of(walker.removed));
    }

    private static final class Walker {
        final ApplySchema schema;
        final TreeSet<FieldPath> added = new TreeSet<>();
        final TreeSet<FieldPath> modified = new TreeSet<>();
        final TreeSet<FieldPath> removed = new TreeSet<>();

        Walker(ApplySchema schema) {
            this.schema = schema;
        }

        /** {@code lhs}/{@code rhs} are null where absent; a JSON null is present. */
        void compare(JsonNode lhs, JsonNode rhs, ApplyType type, FieldPath path) {
            boolean leaf;
            if (type instanceof ApplyType.Scalar) {
                leaf = true;
            } else if (type instanceof ApplyType.ListOf) {
                leaf = type.atomic() || (JsonValues.emptyList(lhs) && JsonValues.emptyList(rhs));
                if (!leaf) {
                    items(lhs, rhs, type, path);
                }
            } else if (type instanceof ApplyType.Untyped && !isObject(lhs) && !isObject(rhs)) {
                leaf = true;
            } else {
                leaf = (type.atomic() && !(type instanceof ApplyType.Untyped))
                        || (JsonValues.emptyMap(lhs) && JsonValues.emptyMap(rhs));
                if (!leaf) {
                    fields(lhs, rhs, type, path);
                }
            }
            if (lhs == null) {
                added.add(path);
            } else if (rhs == null) {
                removed.add(path);
            } else if (leaf && !JsonValues.same(lhs, rhs)) {
                modified.add(path);
            }
        }

        private void fields(JsonNode lhs, JsonNode rhs, ApplyType type, FieldPath path) {
            Map<String, JsonNode[]> zipped = new LinkedHashMap<>();
            if (isObject(lhs)) {
                lhs.fields().forEachRemaining(e -> zipped.computeIfAbsent(e.getKey(), k -> new JsonNode[2])[0] = e.getValue());
            }
            if (isObject(rhs)) {
                rhs.fields().forEachRemaining(e -> zipped.computeIfAbsent(e.getKey(), k -> new JsonNode[2])[1] = e.getValue());
            }
            zipped.forEach((name, sides) ->
                    compare(sides[0], sides[1], schema.field(type, name), path.child(PathElement.field(name))));
        }

        private void items(JsonNode lhs, JsonNode rhs, ApplyType type, FieldPath path) {
            ApplyType itemType = schema.item(type);
            Map<PathElement, JsonNode> left = index(lhs, type);
            Map<PathElement, JsonNode> right = index(rhs, type);
            left.forEach((element, item) -> compare(item, right.get(element), itemType, path.child(element)));
            right.forEach((element, item) -> {
                if (!left.containsKey(element)) {
                    compare(null, item, itemType, path.child(element));
                }
            });
        }

        private static Map<PathElement, JsonNode> index(JsonNode list, ApplyType type) {
            Map<PathElement, JsonNode> out = new LinkedHashMap<>();
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    out.putIfAbsent(ApplySchema.itemElement(type, list.get(i), i), list.get(i));
                }
            }
            return out;
        }

        private static boolean isObject(JsonNode node) {
            return node != null && node.isObject();
        }
    }
}
