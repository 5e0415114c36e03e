package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
        walker.compare(lhs, rhs, type);
        return new Comparison(FieldSet.owning(walker.added), FieldSet.owning(walker.modified), FieldSet.owning(walker.removed));
    }

    private static final class Walker {
        final ApplySchema schema;
        final TreeSet<FieldPath> added = new TreeSet<>();
        final TreeSet<FieldPath> modified = new TreeSet<>();
        final TreeSet<FieldPath> removed = new TreeSet<>();
        /** The path being compared; a FieldPath is made only for what goes into a result. */
        final ArrayList<PathElement> at = new ArrayList<>();

        Walker(ApplySchema schema) {
            this.schema = schema;
        }

        /** {@code lhs}/{@code rhs} are null where absent; a JSON null is present. */
        void compare(JsonNode lhs, JsonNode rhs, ApplyType type) {
            if (lhs != null && lhs.equals(rhs)) {
                return; // equal subtrees differ nowhere; most of an update is unchanged, so this is the common case
            }
            if (lhs == null) {
                appeared(rhs, type); // most of a create
                return;
            }
            boolean leaf;
            if (type instanceof ApplyType.Scalar) {
                leaf = true;
            } else if (type instanceof ApplyType.ListOf) {
                leaf = type.atomic() || (JsonValues.emptyList(lhs) && JsonValues.emptyList(rhs));
                if (!leaf) {
                    items(lhs, rhs, type);
                }
            } else if (type instanceof ApplyType.Untyped && !isObject(lhs) && !isObject(rhs)) {
                leaf = true;
            } else {
                leaf = (type.atomic() && !(type instanceof ApplyType.Untyped))
                        || (JsonValues.emptyMap(lhs) && JsonValues.emptyMap(rhs));
                if (!leaf) {
                    fields(lhs, rhs, type);
                }
            }
            if (lhs == null) {
                added.add(new FieldPath(at));
            } else if (rhs == null) {
                removed.add(new FieldPath(at));
            } else if (leaf && !JsonValues.same(lhs, rhs)) {
                modified.add(new FieldPath(at));
            }
        }

        /** What {@link #compare} finds for a subtree that only {@code rhs} has: it and everything under it were added. */
        private void appeared(JsonNode rhs, ApplyType type) {
            added.add(new FieldPath(at));
            if (type instanceof ApplyType.Scalar || type.atomic() && !(type instanceof ApplyType.Untyped)) {
                return;
            }
            if (type instanceof ApplyType.ListOf) {
                if (rhs.isArray()) {
                    ApplyType itemType = schema.item(type);
                    Map<PathElement, JsonNode> items = index(rhs, type);
                    items.forEach((element, item) -> {
                        at.add(element);
                        appeared(item, itemType);
                        at.remove(at.size() - 1);
                    });
                }
                return;
            }
            if (rhs.isObject()) {
                rhs.fields().forEachRemaining(e -> {
                    at.add(PathElement.field(e.getKey()));
                    appeared(e.getValue(), schema.field(type, e.getKey()));
                    at.remove(at.size() - 1);
                });
            }
        }

        private void fields(JsonNode lhs, JsonNode rhs, ApplyType type) {
            Map<String, JsonNode[]> zipped = new LinkedHashMap<>();
            if (isObject(lhs)) {
                lhs.fields().forEachRemaining(e -> zipped.computeIfAbsent(e.getKey(), k -> new JsonNode[2])[0] = e.getValue());
            }
            if (isObject(rhs)) {
                rhs.fields().forEachRemaining(e -> zipped.computeIfAbsent(e.getKey(), k -> new JsonNode[2])[1] = e.getValue());
            }
            zipped.forEach((name, sides) -> descend(PathElement.field(name), sides[0], sides[1], schema.field(type, name)));
        }

        private void descend(PathElement element, JsonNode lhs, JsonNode rhs, ApplyType type) {
            at.add(element);
            compare(lhs, rhs, type);
            at.remove(at.size() - 1);
        }

        private void items(JsonNode lhs, JsonNode rhs, ApplyType type) {
            ApplyType itemType = schema.item(type);
            Map<PathElement, JsonNode> left = index(lhs, type);
            Map<PathElement, JsonNode> right = index(rhs, type);
            left.forEach((element, item) -> descend(element, item, right.get(element), itemType));
            right.forEach((element, item) -> {
                if (!left.containsKey(element)) {
                    descend(element, null, item, itemType);
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
