package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Value equality as SMD's value.Equals: numbers by value, whatever their Java representation. */
final class JsonValues {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {}

    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /** Absent, null, or an empty object: SMD treats two of these as a leaf, so null and {} stay distinct. */
    static boolean emptyMap(JsonNode node) {
        return node == null || node.isNull() || !node.isObject() || node.isEmpty();
    }

    static boolean emptyList(JsonNode node) {
        return node == null || node.isNull() || !node.isArray() || node.isEmpty();
    }
}
