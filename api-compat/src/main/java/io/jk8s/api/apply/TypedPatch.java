package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks structured-merge-diff makes while it turns an apply configuration into a typed value
 * (typed.AsTyped, without AllowDuplicates): every item of a list-map has its key fields (or a
 * default for them), and no two items share their keys. kube-apiserver reports what fails as
 * {@code failed to create typed patch object (<gvk>): <path>: <problem>}.
 */
final class TypedPatch {

    private final ApplySchema schema;

    TypedPatch(ApplySchema schema) {
        this.schema = schema;
    }

    /** SMD's ValidationErrors, each {@code <path>: <message>}; empty when the configuration converts. */
    List<String> errors(JsonNode config, ApplyType root) {
        List<String> errors = new ArrayList<>();
        walk(config, root, "", errors);
        return errors;
    }

    /** ValidationErrors.Error(): one error as is, several under {@code errors:}, one per indented line. */
    static String message(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "errors:\n  " + String.join("\n  ", errors);
    }

    private void walk(JsonNode value, ApplyType type, String path, List<String> errors) {
        if (type instanceof ApplyType.ListOf list && value.isArray()) {
            if (list.atomic()) {
                return;
            }
            ApplyType itemType = schema.item(type);
            Set<PathElement> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (list.relationship() == ApplyType.Relationship.MAP && item.isObject()) {
                    String missing = list.keys().stream().filter(key -> !item.has(key) && !ApplySchema.hasKeyDefault(key))
                            .findFirst().orElse(null);
                    if (missing != null) {
                        errors.add(path + ": element " + i + ": associative list with keys has an element that omits key field \""
                                + missing + "\" (and doesn't have default value)");
                        // without the item's path SMD reports nothing deeper, and gives up on the rest of the list
                        return;
                    }
                }
                PathElement element = ApplySchema.itemElement(type, item, i);
                if (element.kind() != PathElement.Kind.INDEX && !seen.add(element)) {
                    errors.add(path + ": duplicate entries for key " + element);
                }
                walk(item, itemType, path + element, errors);
            }
        } else if (value.isObject() && (type instanceof ApplyType.Struct || type instanceof ApplyType.MapOf)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), schema.field(type, field.getKey()), path + "." + field.getKey(), errors);
            }
        }
    }
}
