package io.jk8s.api.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.jk8s.api.errors.StatusErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side printing: objects to a meta.k8s.io/v1 Table with the columns kube-apiserver prints
 * for the kind. Rows carry the object as PartialObjectMetadata by default, which is what kubectl
 * needs for {@code --show-labels}, the NAMESPACE column and name printing.
 */
public final class TableConvertor {

    /** The {@code includeObject} query parameter. */
    public enum IncludeObject {
        NONE, METADATA, OBJECT;

        public static IncludeObject parse(String value) {
            if (value == null || value.isEmpty() || value.equals("Metadata")) {
                return METADATA;
            }
            return switch (value) {
                case "None" -> NONE;
                case "Object" -> OBJECT;
                default -> throw StatusErrors.badRequest("includeObject: Unsupported value: \"" + value
                        + "\": supported values: \"None\", \"Metadata\", \"Object\"");
            };
        }
    }

    private TableConvertor() {}

    /** @param columns the kind's columns; empty selects kube's default Name / Created At */
    public static <T extends HasMetadata> Table convert(List<TableColumn<T>> columns, List<T> objects, ListMeta listMeta,
                                                        IncludeObject include, Instant now) {
        List<TableColumnDefinition> definitions = new ArrayList<>();
        List<TableColumn.Cell<? super T>> cells = new ArrayList<>();
        if (columns.isEmpty()) {
            StandardColumns.DEFAULT.forEach(c -> {
                definitions.add(c.definition());
                cells.add(c.cell());
            });
        } else {
            columns.forEach(c -> {
                definitions.add(c.definition());
                cells.add(c.cell());
            });
        }
        List<Table.Row> rows = new ArrayList<>(objects.size());
        for (T object : objects) {
            List<Object> row = new ArrayList<>(cells.size());
            cells.forEach(cell -> row.add(cell.of(object, now)));
            rows.add(new Table.Row(row, rowObject(object, include)));
        }
        return new Table(listMeta, definitions, rows);
    }

    /** A Table that only moves a watch's resourceVersion forward (a BOOKMARK for Table watchers). */
    public static Table bookmark(String resourceVersion) {
        ListMeta meta = new ListMeta();
        meta.setResourceVersion(resourceVersion);
        return new Table(meta, List.of(), List.of());
    }

    private static Object rowObject(HasMetadata object, IncludeObject include) {
        return switch (include) {
            case NONE -> null;
            case OBJECT -> object;
            case METADATA -> {
                PartialObjectMetadata partial = new PartialObjectMetadata();
                partial.setKind("PartialObjectMetadata");
                partial.setApiVersion(Table.API_VERSION);
                partial.setMetadata(object.getMetadata());
                yield partial;
            }
        };
    }
}
