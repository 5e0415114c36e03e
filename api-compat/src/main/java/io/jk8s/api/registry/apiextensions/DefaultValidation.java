package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.errors.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checks a definition's {@code default}s must pass (apiextensions-apiserver
 * pkg/apiserver/schema/defaulting/validation.go, ValidateDefaults): a default must already be pruned
 * (no field its schema does not declare) and valid against its own level of the schema, reported
 * under {@code <schema path>.properties[<name>]...default}. additionalProperties are not followed:
 * kube forbids defaults there.
 */
final class DefaultValidation {

    private DefaultValidation() {}

    static void validate(JSONSchemaProps schema, String path, List<FieldError> errors) {
        if (schema == null) {
            return;
        }
        JsonNode value = schema.getDefault();
        if (value != null && !value.isMissingNode() && !value.isNull()) {
            String field = path + ".default";
            JsonNode pruned = value.deepCopy();
            if (!CustomResourceSchema.pruneValue(pruned, schema).isEmpty()) {
                errors.add(FieldError.invalidRaw(field, goSyntax(value), "must not have unknown fields"));
            } else {
                errors.addAll(CustomResourceSchema.validateValue(value, schema, field));
            }
        }
        JSONSchemaProps items = StructuralDefaulting.items(schema);
        if (items != null) {
            validate(items, path + ".items", errors);
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : new TreeMap<>(schema.getProperties());
        properties.forEach((name, property) -> validate(property, path + ".properties[" + name + "]", errors));
    }

    /** A JSON value as Go's %#v prints what encoding/json decoded it into, as field.Invalid shows a map or list. */
    static String goSyntax(JsonNode value) {
        if (value.isObject()) {
            List<String> entries = new ArrayList<>();
            new TreeMap<String, JsonNode>(toMap(value)).forEach((k, v) -> entries.add("\"" + k + "\":" + goSyntax(v)));
            return "map[string]interface {}{" + String.join(", ", entries) + "}";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(goSyntax(item)));
            return "[]interface {}{" + String.join(", ", items) + "}";
        }
        if (value.isNull()) {
            return "interface {}(nil)";
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
        }
        return value.toString();
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
