package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.errors.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The structural-schema rules a v1 definition's schemas must follow (apiextensions-apiserver
 * pkg/apiserver/schema/validation.go and the CRD's OpenAPI checks) that users run into: every
 * level has a type (unless it preserves unknown fields or is int-or-string), the root is an object,
 * properties and additionalProperties do not mix, and uniqueItems is refused.
 */
final class StructuralSchemaValidation {

    private enum Level { ROOT, ITEM, FIELD }

    private StructuralSchemaValidation() {}

    static void validate(JSONSchemaProps schema, String path, List<FieldError> errors) {
        visit(schema, path, Level.ROOT, errors);
    }

    private static void visit(JSONSchemaProps schema, String path, Level level, List<FieldError> errors) {
        if (schema == null) {
            return;
        }
        String type = schema.getType() == null ? "" : schema.getType();
        if (type.isEmpty() && !Boolean.TRUE.equals(schema.getXKubernetesIntOrString())
                && !Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
            errors.add(FieldError.required(path + ".type", switch (level) {
                case ROOT -> "must not be empty at the root";
                case ITEM -> "must not be empty for specified array items";
                case FIELD -> "must not be empty for specified object fields";
            }));
        }
        if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            errors.add(FieldError.invalid(path + ".type", type, "must be object at the root"));
        }
        if (Boolean.TRUE.equals(schema.getUniqueItems())) {
            errors.add(FieldError.forbidden(path + ".uniqueItems",
                    "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        if (schema.getAdditionalProperties() != null && !properties.isEmpty()
                && (Boolean.FALSE.equals(schema.getAdditionalProperties().getAllows())
                || schema.getAdditionalProperties().getSchema() != null)) {
            errors.add(FieldError.forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
        }
        properties.forEach((name, property) -> visit(property, path + ".properties[" + name + "]", Level.FIELD, errors));
        if (schema.getAdditionalProperties() != null) {
            visit(schema.getAdditionalProperties().getSchema(), path + ".additionalProperties", Level.FIELD, errors);
        }
        if (schema.getItems() != null) {
            visit(schema.getItems().getSchema(), path + ".items", Level.ITEM, errors);
        }
    }
}
