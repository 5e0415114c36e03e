package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A version's structural openAPIV3Schema as the custom resource handler applies it: pruning of
 * undeclared fields (apiextensions-apiserver pkg/apiserver/schema/pruning, honouring
 * x-kubernetes-preserve-unknown-fields), then validation of types, required fields, enums and
 * bounds with kube-openapi's messages ({@code spec.replicas in body should be less than or equal to 10}).
 * Formats, CEL rules and list/map types are not applied; defaults are {@link StructuralDefaulting}'s.
 */
final class CustomResourceSchema {

    /** Always kept at the root: the type meta and metadata are not the schema's business. */
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private final JSONSchemaProps root;

    CustomResourceSchema(JSONSchemaProps root) {
        this.root = root;
    }

    /** Removes the fields the schema does not declare; answers their paths. */
    List<String> prune(ObjectNode object) {
        List<String> pruned = new ArrayList<>();
        if (root != null) {
            pruneObject(object, root, "", true, pruned);
            // kube's coercer drops these too, after the unknown fields and before defaulting
            StructuralDefaulting.pruneNullsWithoutDefaults(object, root);
        }
        return pruned;
    }

    List<FieldError> validate(GenericKubernetesResource object) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null) {
            return errors;
        }
        ObjectNode tree = ObjectCodec.JSON.valueToTree(object);
        for (String field : ROOT_FIELDS) {
            tree.remove(field);
        }
        List<String> required = root.getRequired() == null ? List.of() : root.getRequired();
        for (String field : required) {
            if (!ROOT_FIELDS.contains(field) && !tree.has(field)) {
                errors.add(FieldError.required(field, ""));
            }
        }
        Map<String, JSONSchemaProps> properties = root.getProperties();
        tree.fields().forEachRemaining(e -> {
            JSONSchemaProps property = properties == null ? null : properties.get(e.getKey());
            if (property != null) {
                validate(e.getValue(), property, e.getKey(), errors);
            }
        });
        return errors;
    }

    private static void prune(JsonNode node, JSONSchemaProps schema, String path, List<String> pruned) {
        if (schema == null || node == null) {
            return;
        }
        if (node.isObject()) {
            pruneObject((ObjectNode) node, schema, path, false, pruned);
        } else if (node.isArray() && schema.getItems() != null && schema.getItems().getSchema() != null) {
            for (int i = 0; i < node.size(); i++) {
                prune(node.get(i), schema.getItems().getSchema(), path + "[" + i + "]", pruned);
            }
        }
    }

    private static void pruneObject(ObjectNode object, JSONSchemaProps schema, String path, boolean root, List<String> pruned) {
        boolean preserve = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
        boolean embedded = Boolean.TRUE.equals(schema.getXKubernetesEmbeddedResource());
        Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        JSONSchemaProps additional = schema.getAdditionalProperties() == null ? null : schema.getAdditionalProperties().getSchema();
        boolean allowsAdditional = schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() == null
                && !Boolean.FALSE.equals(schema.getAdditionalProperties().getAllows());
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String at = path.isEmpty() ? name : path + "." + name;
            if ((root || embedded) && ROOT_FIELDS.contains(name)) {
                continue;
            }
            JSONSchemaProps declared = properties.get(name);
            if (declared != null) {
                prune(field.getValue(), declared, at, pruned);
            } else if (additional != null) {
                prune(field.getValue(), additional, at, pruned);
            } else if (!preserve && !allowsAdditional) {
                pruned.add(at);
                it.remove();
            }
        }
    }

    /**
     * A value against one level of a schema (a definition's {@code default}), reported under
     * {@code field} as kube's ValidateCustomResource does: the messages name the path inside the value.
     */
    static List<FieldError> validateValue(JsonNode value, JSONSchemaProps schema, String field) {
        List<FieldError> relative = new ArrayList<>();
        validate(value, schema, "", relative);
        return relative.stream().map(e -> new FieldError(e.reason(), e.field().isEmpty() ? field
                : field + (e.field().startsWith("[") ? "" : ".") + e.field(), e.body())).toList();
    }

    /** Removes from a value (a definition's {@code default}) what one level of a schema does not declare; answers the paths. */
    static List<String> pruneValue(JsonNode value, JSONSchemaProps schema) {
        List<String> pruned = new ArrayList<>();
        prune(value, schema, "", pruned);
        return pruned;
    }

    /** How kube-openapi names a value in its messages: by its path, and nothing for the value validated itself. */
    private static String subject(String path) {
        return path.isEmpty() ? "" : path + " ";
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static void validate(JsonNode node, JSONSchemaProps schema, String path, List<FieldError> errors) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable()) && schema.getType() != null) {
                errors.add(FieldError.invalidRaw(path, "\"null\"", subject(path) + "in body must be of type " + schema.getType() + ": \"null\""));
            }
            return;
        }
        if (!typeMatches(node, schema)) {
            String actual = typeName(node);
            String expected = Boolean.TRUE.equals(schema.getXKubernetesIntOrString()) ? "integer,string" : schema.getType();
            errors.add(FieldError.invalidRaw(path, "\"" + actual + "\"",
                    subject(path) + "in body must be of type " + expected + ": \"" + actual + "\""));
            return;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(node)) {
            errors.add(FieldError.notSupportedRaw(path, shown(node), schema.getEnum().stream().map(CustomResourceSchema::shown).toList()));
        }
        if (node.isNumber()) {
            bounds(node, schema, path, errors);
        } else if (node.isTextual()) {
            text(node.asText(), schema, path, errors);
        } else if (node.isArray()) {
            if (schema.getMinItems() != null && node.size() < schema.getMinItems()) {
                errors.add(FieldError.invalidRaw(path, shown(node), subject(path) + "in body should have at least " + schema.getMinItems() + " items"));
            }
            if (schema.getMaxItems() != null && node.size() > schema.getMaxItems()) {
                errors.add(FieldError.tooMany(path, node.size(), schema.getMaxItems()));
            }
            if (schema.getItems() != null && schema.getItems().getSchema() != null) {
                for (int i = 0; i < node.size(); i++) {
                    validate(node.get(i), schema.getItems().getSchema(), path + "[" + i + "]", errors);
                }
            }
        } else if (node.isObject()) {
            object(node, schema, path, errors);
        }
    }

    private static void object(JsonNode node, JSONSchemaProps schema, String path, List<FieldError> errors) {
        for (String field : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
            if (!node.has(field)) {
                errors.add(FieldError.required(child(path, field), ""));
            }
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        JSONSchemaProps additional = schema.getAdditionalProperties() == null ? null : schema.getAdditionalProperties().getSchema();
        node.fields().forEachRemaining(e -> {
            JSONSchemaProps declared = properties.getOrDefault(e.getKey(), additional);
            if (declared != null) {
                validate(e.getValue(), declared, child(path, e.getKey()), errors);
            }
        });
    }

    private static boolean typeMatches(JsonNode node, JSONSchemaProps schema) {
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            return node.isIntegralNumber() || node.isTextual();
        }
        String type = schema.getType();
        if (type == null || type.isEmpty()) {
            return true;
        }
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "boolean" -> node.isBoolean();
            case "integer" -> node.isIntegralNumber() || (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> node.isNumber();
            default -> true;
        };
    }

    /** The JSON type name kube-openapi reports for a value of the wrong type. */
    private static String typeName(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        } else if (node.isBoolean()) {
            return "boolean";
        } else if (node.isIntegralNumber()) {
            return "integer";
        } else if (node.isNumber()) {
            return "number";
        } else if (node.isArray()) {
            return "array";
        }
        return "object";
    }

    private static void bounds(JsonNode node, JSONSchemaProps schema, String path, List<FieldError> errors) {
        BigDecimal value = node.decimalValue();
        if (schema.getMinimum() != null) {
            BigDecimal min = BigDecimal.valueOf(schema.getMinimum());
            boolean exclusive = Boolean.TRUE.equals(schema.getExclusiveMinimum());
            if (exclusive ? value.compareTo(min) <= 0 : value.compareTo(min) < 0) {
                errors.add(FieldError.invalidRaw(path, shown(node), subject(path) + "in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + number(schema.getMinimum())));
            }
        }
        if (schema.getMaximum() != null) {
            BigDecimal max = BigDecimal.valueOf(schema.getMaximum());
            boolean exclusive = Boolean.TRUE.equals(schema.getExclusiveMaximum());
            if (exclusive ? value.compareTo(max) >= 0 : value.compareTo(max) > 0) {
                errors.add(FieldError.invalidRaw(path, shown(node), subject(path) + "in body should be less than "
                        + (exclusive ? "" : "or equal to ") + number(schema.getMaximum())));
            }
        }
    }

    private static void text(String value, JSONSchemaProps schema, String path, List<FieldError> errors) {
        int length = value.codePointCount(0, value.length());
        if (schema.getMinLength() != null && length < schema.getMinLength()) {
            errors.add(FieldError.invalidRaw(path, shown(ObjectCodec.JSON.getNodeFactory().textNode(value)),
                    subject(path) + "in body should be at least " + schema.getMinLength() + " chars long"));
        }
        if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
            errors.add(FieldError.tooLong(path, schema.getMaxLength()));
        }
        if (schema.getPattern() != null) {
            try {
                if (!Pattern.compile(schema.getPattern()).matcher(value).find()) {
                    errors.add(FieldError.invalidRaw(path, shown(ObjectCodec.JSON.getNodeFactory().textNode(value)),
                            subject(path) + "in body should match '" + schema.getPattern() + "'"));
                }
            } catch (PatternSyntaxException e) {
                // kube refuses such a CRD; a stored one cannot fail its objects here
            }
        }
    }

    /** A value as Go's %v shows it in a field error: strings quoted, numbers plain. */
    private static String shown(JsonNode node) {
        if (node.isTextual()) {
            return node.toString();
        }
        if (node.isNumber()) {
            return number(node.doubleValue());
        }
        return node.toString();
    }

    /** A float64 as Go's %v prints it: 10, 1.5. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
