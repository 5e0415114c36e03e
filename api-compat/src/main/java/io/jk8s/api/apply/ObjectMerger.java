package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an applied configuration into the live object (SMD typed.Merge): the configuration wins on
 * leaves and atomic nodes; structs and maps merge field by field; sets and keyed lists merge item
 * by item, in the configuration's order with live-only items kept where they were.
 */
final class ObjectMerger {

    private final ApplySchema schema;

    ObjectMerger(ApplySchema schema) {
        this.schema = schema;
    }

    JsonNode merge(JsonNode lhs, JsonNode rhs, ApplyType type) {
        if (rhs == null) {
            return lhs;
        }
        if (lhs == null) {
            return rhs;
        }
        if (type instanceof ApplyType.ListOf) {
            return type.atomic() || !lhs.isArray() || !rhs.isArray() ? rhs : mergeList((ArrayNode) lhs, (ArrayNode) rhs, type);
        }
        if (type instanceof ApplyType.Scalar || (type.atomic() && !(type instanceof ApplyType.Untyped))
                || !lhs.isObject() || !rhs.isObject()) {
            return rhs;
        }
        ObjectNode out = ((ObjectNode) lhs).deepCopy();
        rhs.fields().forEachRemaining(field ->
                out.set(field.getKey(), merge(lhs.get(field.getKey()), field.getValue(), schema.field(type, field.getKey()))));
        return out;
    }

    /** SMD mergingWalker.visitListItems: shared items follow the configuration's order. */
    private ArrayNode mergeList(ArrayNode lhs, ArrayNode rhs, ApplyType type) {
        ApplyType itemType = schema.item(type);
        List<PathElement> lhsKeys = keys(lhs, type);
        List<PathElement> rhsKeys = keys(rhs, type);
        Map<PathElement, JsonNode> lhsItems = items(lhs, lhsKeys);
        Map<PathElement, JsonNode> rhsItems = items(rhs, rhsKeys);
        List<PathElement> shared = new ArrayList<>();
        for (PathElement key : rhsKeys) {
            if (lhsItems.containsKey(key)) {
                shared.add(key);
            }
        }
        int nextShared = 0;
        Set<PathElement> mergedRhs = new HashSet<>();
        ArrayNode out = ObjectCodec.JSON.createArrayNode();
        int l = 0;
        int r = 0;
        while (l < lhsKeys.size() || r < rhsKeys.size()) {
            if (l < lhsKeys.size() && r < rhsKeys.size()) {
                PathElement key = lhsKeys.get(l);
                if (key.equals(rhsKeys.get(r))) {
                    mergedRhs.add(key);
                    out.add(merge(lhsItems.get(key), rhsItems.get(key), itemType));
                    l++;
                    r++;
                    nextShared++;
                    continue;
                }
                if (rhsItems.containsKey(key) && nextShared < shared.size() && !shared.get(nextShared).equals(key)) {
                    l++;
                    continue;
                }
            }
            if (l < lhsKeys.size()) {
                PathElement key = lhsKeys.get(l);
                if (!rhsItems.containsKey(key)) {
                    out.add(lhs.get(l));
                    l++;
                    continue;
                } else if (mergedRhs.contains(key)) {
                    l++;
                    continue;
                }
            }
            if (r < rhsKeys.size()) {
                PathElement key = rhsKeys.get(r);
                mergedRhs.add(key);
                out.add(merge(lhsItems.get(key), rhsItems.get(key), itemType));
                r++;
                if (nextShared < shared.size() && shared.get(nextShared).equals(key)) {
                    nextShared++;
                }
            }
        }
        return out;
    }

    private static List<PathElement> keys(ArrayNode list, ApplyType type) {
        List<PathElement> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(ApplySchema.itemElement(type, list.get(i), i));
        }
        return out;
    }

    private static Map<PathElement, JsonNode> items(ArrayNode list, List<PathElement> keys) {
        Map<PathElement, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            out.putIfAbsent(keys.get(i), list.get(i));
        }
        return out;
    }
}
