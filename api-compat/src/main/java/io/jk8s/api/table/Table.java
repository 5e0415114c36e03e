package io.jk8s.api.table;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.util.List;

/** meta.k8s.io/v1 Table, what kubectl asks for with {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. */
public record Table(String kind, String apiVersion, ListMeta metadata,
                    List<TableColumnDefinition> columnDefinitions, List<Row> rows) {

    public static final String API_VERSION = "meta.k8s.io/v1";

    public Table(ListMeta metadata, List<TableColumnDefinition> columnDefinitions, List<Row> rows) {
        this("Table", API_VERSION, metadata, columnDefinitions, rows);
    }

    /** A row; {@code object} is PartialObjectMetadata, the full object, or absent (includeObject). */
    public record Row(List<Object> cells, @JsonInclude(JsonInclude.Include.NON_NULL) Object object) {}
}
