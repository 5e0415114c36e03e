package io.jk8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.errors.ApiException;
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
                original.set(key, array(sortByOrder(elements(list), elements(order), mergeKey)));
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
            List<JsonNode> merged = mergeList(base, (ArrayNode) patch, items, meta.patchMergeKey());
            if (order != null) {
                // kube's mergePatchIntoOriginal: the merged list is sorted once more by $setElementOrder
                merged = sortByOrder(merged, elements(order), meta.patchMergeKey());
            }
            return array(merged);
        }
        return patch;
    }

    /**
     * A list without a merge strategy is replaced; directives inside its objects still apply, and an
     * element that is only a directive ({@code {"$patch": "replace"}}) is not an element.
     */
    private ArrayNode replaceList(ArrayNode patch, SchemaType items) {
        ArrayNode result = JSON.arrayNode();
        for (JsonNode element : patch) {
            if (element.isObject() && element.size() == 1 && element.has(PATCH)) {
                continue;
            }
            result.add(element.isObject() ? mergeMap(JSON.objectNode(), (ObjectNode) element, items) : element);
        }
        return result;
    }

    private List<JsonNode> mergeList(List<JsonNode> original, ArrayNode patch, SchemaType items, String mergeKey) {
        boolean objects = original.stream().anyMatch(JsonNode::isObject) || elements(patch).stream().anyMatch(JsonNode::isObject);
        if (!objects) {
            List<JsonNode> merged = new ArrayList<>(original);
            for (JsonNode value : patch) {
                if (indexOf(merged, value, null) < 0) {
                    merged.add(value);
                }
            }
            return normalizeElementOrder(merged, elements(patch), original, null);
        }
        if (mergeKey == null) {
            return elements(replaceList(patch, items));
        }
        List<JsonNode> server = new ArrayList<>(original);
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
                    return elements(replaceList(rest, items));
                }
                case "delete" -> {
                    if (element.get(mergeKey) == null) {
                        throw noMergeKey(element, mergeKey);
                    }
                    server.removeIf(item -> sameKey(key(item, mergeKey), key(element, mergeKey)));
                }
                default -> throw StatusErrors.badRequest("Unknown patch type: " + directive.asText() + " in list: " + patch);
            }
        }
        List<JsonNode> merged = new ArrayList<>(server);
        for (JsonNode element : patchItems) {
            if (!element.isObject() || element.get(mergeKey) == null) {
                throw noMergeKey(element, mergeKey);
            }
            int at = indexOf(merged, element, mergeKey);
            if (at >= 0) {
                merged.set(at, mergeMap(((ObjectNode) merged.get(at)).deepCopy(), (ObjectNode) element, items));
            } else {
                merged.add(mergeMap(JSON.objectNode(), (ObjectNode) element, items));
            }
        }
        return normalizeElementOrder(merged, patchItems, server, mergeKey);
    }

    /**
     * kube's normalizeElementOrder: the elements the patch names are sorted by the patch's order,
     * the server's own by the original order, and the two interleaved by original position
     * (mergeSortedSlice). An element new to the list therefore lands before the server-only
     * elements it cannot be compared with, exactly as kube-apiserver places it.
     */
    private static List<JsonNode> normalizeElementOrder(List<JsonNode> merged, List<JsonNode> patchOrder,
                                                        List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> fromPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode element : merged) {
            (indexOf(patchOrder, element, mergeKey) >= 0 ? fromPatch : serverOnly).add(element);
        }
        List<JsonNode> left = sortByOrder(serverOnly, serverOrder, mergeKey);
        List<JsonNode> right = sortByOrder(fromPatch, patchOrder, mergeKey);
        List<JsonNode> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (j >= right.size()) {
                result.add(left.get(i++));
            } else if (i >= left.size()) {
                result.add(right.get(j++));
            } else {
                int l = indexOf(serverOrder, left.get(i), mergeKey);
                int r = indexOf(serverOrder, right.get(j), mergeKey);
                result.add(l >= 0 && r >= 0 && l < r ? left.get(i++) : right.get(j++));
            }
        }
        return result;
    }

    /**
     * kube's normalizeSliceOrder. Its comparator calls an element it cannot place "less", which is
     * not a strict order, so the outcome depends on the algorithm: this is Go's sort.SliceStable,
     * which is an insertion sort for the list sizes objects have (up to 20 elements).
     */
    private static List<JsonNode> sortByOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey) {
        List<JsonNode> list = new ArrayList<>(toSort);
        for (int i = 1; i < list.size(); i++) {
            for (int j = i; j > 0 && less(list.get(j), list.get(j - 1), order, mergeKey); j--) {
                list.set(j, list.set(j - 1, list.get(j)));
            }
        }
        return list;
    }

    private static boolean less(JsonNode a, JsonNode b, List<JsonNode> order, String mergeKey) {
        int ia = indexOf(order, a, mergeKey);
        if (ia >= 0) {
            int ib = indexOf(order, b, mergeKey);
            if (ib >= 0) {
                return ia < ib;
            }
        }
        return true;
    }

    private static ApiException noMergeKey(JsonNode element, String mergeKey) {
        return StatusErrors.badRequest("map: " + element + " does not contain declared merge key: " + mergeKey);
    }

    private static ArrayNode array(List<JsonNode> elements) {
        ArrayNode array = JSON.arrayNode();
        elements.forEach(array::add);
        return array;
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
