package io.jk8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * JSON shown the way Go's {@code fmt.Sprintf("%+v", value)} prints decoded JSON
 * ({@code map[data:map[a:b] kind:ConfigMap]}), which is how kube-apiserver quotes a strategic
 * merge patch in its errors.
 */
public final class GoValueFormat {

    private GoValueFormat() {}

    public static String format(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "<nil>";
        }
        if (value.isObject()) {
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            StringJoiner map = new StringJoiner(" ", "map[", "]");
            keys.forEach(key -> map.add(key + ":" + format(value.get(key))));
            return map.toString();
        }
        if (value.isArray()) {
            StringJoiner list = new StringJoiner(" ", "[", "]");
            value.forEach(element -> list.add(format(element)));
            return list.toString();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
