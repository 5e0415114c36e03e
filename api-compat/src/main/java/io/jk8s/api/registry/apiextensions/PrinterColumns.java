package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TableColumnDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A custom resource's table (apiextensions-apiserver pkg/registry/customresource/tableconvertor):
 * the name, then the version's additionalPrinterColumns, or kube's default Age column when it
 * declares none; cells are typed by the column's type as cellForJSONValue does.
 */
final class PrinterColumns {

    private PrinterColumns() {}

    static List<TableColumn<GenericKubernetesResource>> of(List<CustomResourceColumnDefinition> declared) {
        List<CustomResourceColumnDefinition> columns = declared.isEmpty()
                // serveDefaultColumnsIfEmpty
                ? List.of(new CustomResourceColumnDefinition(StandardColumns.CREATED_DESCRIPTION, null,
                        ".metadata.creationTimestamp", "Age", 0, "date"))
                : declared;
        List<TableColumn<GenericKubernetesResource>> table = new ArrayList<>();
        table.add(StandardColumns.name());
        for (CustomResourceColumnDefinition column : columns) {
            SimpleJsonPath path = parseOrNull(column.getJsonPath());
            String type = column.getType();
            table.add(new TableColumn<>(new TableColumnDefinition(column.getName(), type,
                    column.getFormat() == null ? "" : column.getFormat(),
                    column.getDescription() == null ? "" : column.getDescription(),
                    column.getPriority() == null ? 0 : column.getPriority()),
                    (object, now) -> path == null ? null : cell(type, path.find(ObjectCodec.JSON.valueToTree(object)), now)));
        }
        return table;
    }

    private static SimpleJsonPath parseOrNull(String path) {
        try {
            return path == null ? null : SimpleJsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** cellForJSONValue; a string column prints the value as JSONPath prints it. */
    private static Object cell(String type, Optional<JsonNode> found, Instant now) {
        if (found.isEmpty()) {
            return null;
        }
        JsonNode value = found.get();
        return switch (type) {
            case "integer" -> value.isNumber() ? (Object) value.asLong() : null;
            case "number" -> value.isNumber() ? (Object) value.asDouble() : null;
            case "boolean" -> value.isBoolean() ? (Object) value.asBoolean() : null;
            case "date" -> value.isTextual() ? date(value.asText(), now) : null;
            default -> value.isValueNode() ? value.asText() : value.toString();
        };
    }

    private static String date(String timestamp, Instant now) {
        try {
            Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return "<invalid>";
        }
        return StandardColumns.age(timestamp, now);
    }
}
