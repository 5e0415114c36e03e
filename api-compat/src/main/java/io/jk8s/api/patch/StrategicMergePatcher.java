package io.jk8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.FieldPatchMeta;
import io.jk8s.api.openapi.FieldSchema;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.openapi.SchemaType;
import io.jk8s.api.openapi.TypeSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch) using the merge
 * keys and strategies of the {@link SchemaCatalog}: maps merge and null deletes a key, as in a JSON
 * merge patch, but lists whose field is marked {@code patchStrategy: merge} merge element by element
 * (by {@code patchMergeKey} for lists of objects, as a set for lists of scalars). The directives:
 * {@code $patch: replace|delete|merge}, {@code $retainKeys}, {@code $setElementOrder/<field>} and
 * {@code $deleteFromPrimitiveList/<field>}.
 */
public final class StrategicMergePatcher {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private final SchemaCatalog catalog;

    public StrategicMergePatcher(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** Patches {@code original} (an object of schema {@code typeName}); neither argument is modified. */
    public JsonNode apply(JsonNode original, JsonNode patch, String typeName) {
        if (!patch.isObject()) {
            throw StatusErrors.badRequest("invalid JSON document: a strategic merge patch must be a JSON object");
        }
        ObjectNode base = original != null && original.isObject() ? ((ObjectNode) original).deepCopy() : JSON.objectNode();
        return mergeMap(base, ((ObjectNode) patch).deepCopy(), new SchemaType.Ref(typeName));
    }

    private JsonNode mergeMap(ObjectNode original, ObjectNode patch, SchemaType type) {
        JsonNode directive = patch.remove(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case "replace" -> {
                    return mergeMap(JSON.objectNode(), patch, type);
                }
                case "delete" -> {
                    return JSON.objectNode();
                }
                case "merge" -> { }
                default -> throw StatusErrors.badRequest("Unknown patch type: " + directive.asText() + " in map: " + patch);
            }
        }
        JsonNode retainKeys = patch.remove(RETAIN_KEYS);
        if (retainKeys != null) {
            retainKeys(original, patch, retainKeys);
        }
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deleteFromPrimitiveList(original, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), entry.getValue());
                it.remove();
            } else if (key.startsWith(SET_ELEMENT_ORDER)) {
                if (!entry.getValue().isArray()) {
                    throw StatusErrors.badRequest("invalid patch: " + key + " must be a list");
                }
                orders.put(key.substring(SET_ELEMENT_ORDER.length()), entry.getValue());
                it.remove();
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (entry.getValue().isNull()) {
                original.remove(key);
                continue;
            }
            FieldSchema field = field(type, key);
            original.set(key, mergeValue(original.get(key), entry.getValue(), field == null ? null : field.type(),
                    field == null ? FieldPatchMeta.NONE : field.patch(), orders.remove(key)));
        }
        // an order directive for a list the patch does not otherwise touch only reorders it
        orders.forEach((key, order) -> {
            JsonNode list = original.get(key);
            if (list != null && list.isArray()) {
                FieldSchema field = field(type, key);
                String mergeKey = field == null ? null : field.patch().patchMergeKey();
                original.set(key, ordered(elements(list), order, elements(list), mergeKey));
            }
        });
        return original;
    }

    private JsonNode mergeValue(JsonNode current, JsonNode patch, SchemaType type, FieldPatchMeta meta, JsonNode order) {
        if (patch.isObject()) {
            ObjectNode base = current != null && current.isObject() ? (ObjectNode) current : JSON.objectNode();
            return mergeMap(base, (ObjectNode) patch, type);
        }
        if (patch.isArray()) {
            SchemaType items = type instanceof SchemaType.ArrayOf array ? array.items() : null;
            if (!meta.merges()) {
                return replaceList((ArrayNode) patch, items);
            }
            List<JsonNode> base = current != null && current.isArray() ? elements(current) : new ArrayList<>();
            return mergeList(base, (ArrayNode) patch, items, meta.patchMergeKey(), order);
        }
        return patch;
    }

    /** A list without a merge strategy is replaced; directives inside its objects still apply. */
    private ArrayNode replaceList(ArrayNode patch, SchemaType items) {
        ArrayNode result = JSON.arrayNode();
        for (JsonNode element : patch) {
            result.add(element.isObject() ? mergeMap(JSON.objectNode(), (ObjectNode) element, items) : element);
        }
        return result;
    }

    private ArrayNode mergeList(List<JsonNode> original, ArrayNode patch, SchemaType items, String mergeKey, JsonNode order) {
        boolean objects = original.stream().anyMatch(JsonNode::isObject) || elements(patch).stream().anyMatch(JsonNode::isObject);
        if (!objects) {
            List<JsonNode> merged = new ArrayList<>(original);
            for (JsonNode value : patch) {
                if (indexOf(merged, value, null) < 0) {
                    merged.add(value);
                }
            }
            return ordered(merged, order != null ? order : patch, original, null);
        }
        if (mergeKey == null) {
            return replaceList(patch, items);
        }
        List<JsonNode> merged = new ArrayList<>(original);
        List<JsonNode> patchItems = new ArrayList<>();
        for (JsonNode element : patch) {
            JsonNode directive = element.isObject() ? element.get(PATCH) : null;
            if (directive == null) {
                patchItems.add(element);
                continue;
            }
            switch (directive.asText()) {
                case "replace" -> {
                    // {"$patch": "replace"} in a list: the rest of the patch list is the new list
                    ArrayNode rest = JSON.arrayNode();
                    patch.forEach(e -> {
                        if (e != element) {
                            rest.add(e);
                        }
                    });
                    return replaceList(rest, items);
                }
                case "delete" -> merged.removeIf(item -> sameKey(key(item, mergeKey), key(element, mergeKey)));
                case "merge" -> {
                    ObjectNode copy = ((ObjectNode) element).deepCopy();
                    copy.remove(PATCH);
                    patchItems.add(copy);
                }
                default -> throw StatusErrors.badRequest("Unknown patch type: " + directive.asText() + " in list: " + patch);
            }
        }
        for (JsonNode element : patchItems) {
            if (!element.isObject() || element.get(mergeKey) == null) {
                throw StatusErrors.badRequest("map: " + element + " does not contain declared merge key: " + mergeKey);
            }
            int at = indexOf(merged, element, mergeKey);
            if (at >= 0) {
                merged.set(at, mergeMap(((ObjectNode) merged.get(at)).deepCopy(), (ObjectNode) element, items));
            } else {
                merged.add(mergeMap(JSON.objectNode(), (ObjectNode) element, items));
            }
        }
        ArrayNode patchOrder = JSON.arrayNode();
        patchItems.forEach(patchOrder::add);
        return ordered(merged, order != null ? order : patchOrder, original, mergeKey);
    }

    /**
     * kube's normalizeElementOrder: elements the patch names come in the patch's (or
     * {@code $setElementOrder}'s) order, elements only the server has keep their place relative
     * to the original list, and the two are interleaved by their original positions.
     */
    private static ArrayNode ordered(List<JsonNode> merged, JsonNode patchOrder, List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> order = elements(patchOrder);
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode element : merged) {
            (indexOf(order, element, mergeKey) >= 0 ? fromPatch : serverOnly).add(element);
        }
        fromPatch.sort(java.util.Comparator.comparingInt(e -> indexOf(order, e, mergeKey)));
        serverOnly.sort(java.util.Comparator.comparingInt(e -> position(serverOrder, e, mergeKey)));
        ArrayNode result = JSON.arrayNode();
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < fromPatch.size()) {
            if (j >= fromPatch.size()) {
                result.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                result.add(fromPatch.get(j++));
            } else {
                int left = indexOf(serverOrder, serverOnly.get(i), mergeKey);
                int right = indexOf(serverOrder, fromPatch.get(j), mergeKey);
                result.add(left >= 0 && right >= 0 && left < right ? serverOnly.get(i++) : fromPatch.get(j++));
            }
        }
        return result;
    }

    private static void retainKeys(ObjectNode original, ObjectNode patch, JsonNode retainKeys) {
        if (!retainKeys.isArray()) {
            throw StatusErrors.badRequest("invalid patch: $retainKeys must be a list of field names");
        }
        Set<String> keep = new HashSet<>();
        retainKeys.forEach(k -> keep.add(k.asText()));
        patch.fields().forEachRemaining(field -> {
            // nulls only delete, so they need not be retained (applyRetainKeysDirective)
            if (!field.getKey().startsWith("$") && !field.getValue().isNull() && !keep.contains(field.getKey())) {
                throw StatusErrors.badRequest("invalid patch format of retainKeys");
            }
        });
        original.retain(keep);
    }

    private static void deleteFromPrimitiveList(ObjectNode original, String field, JsonNode values) {
        if (!values.isArray()) {
            throw StatusErrors.badRequest("invalid patch: " + DELETE_FROM_PRIMITIVE_LIST + field + " must be a list");
        }
        JsonNode list = original.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        List<JsonNode> toDelete = elements(values);
        ArrayNode kept = JSON.arrayNode();
        list.forEach(v -> {
            if (indexOf(toDelete, v, null) < 0) {
                kept.add(v);
            }
        });
        original.set(field, kept);
    }

    private FieldSchema field(SchemaType type, String name) {
        if (type instanceof SchemaType.Ref ref) {
            return catalog.type(ref.name()).filter(t -> t.special() == TypeSchema.Special.NONE)
                    .flatMap(t -> t.field(name)).orElse(null);
        }
        if (type instanceof SchemaType.MapOf map) {
            return new FieldSchema(name, map.values(), FieldPatchMeta.NONE);
        }
        return null;
    }

    private static int indexOf(List<JsonNode> list, JsonNode element, String mergeKey) {
        JsonNode wanted = key(element, mergeKey);
        for (int i = 0; i < list.size(); i++) {
            if (sameKey(key(list.get(i), mergeKey), wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static int position(List<JsonNode> list, JsonNode element, String mergeKey) {
        int at = indexOf(list, element, mergeKey);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    /** The element's identity: its merge key's value, or the scalar itself (also for order lists of keys). */
    private static JsonNode key(JsonNode element, String mergeKey) {
        return mergeKey != null && element.isObject() ? element.get(mergeKey) : element;
    }

    private static boolean sameKey(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
