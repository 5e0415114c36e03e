package io.jk8s.api.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Columns shared by many resources, with upstream's descriptions (the ObjectMeta swagger docs).
 * {@link #DEFAULT} is kube's default table convertor (k8s.io/apiserver/pkg/registry/rest/table.go),
 * used for resources whose strategy declares no columns of their own.
 */
public final class StandardColumns {

    static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating resources, "
            + "although some resources may allow a client to request the generation of an appropriate name automatically. "
            + "Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. "
            + "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    public static final String CREATED_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when this "
            + "object was created. It is not guaranteed to be set in happens-before order across separate operations. "
            + "Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. "
            + "Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public static final List<TableColumn<HasMetadata>> DEFAULT = List.of(name(),
            TableColumn.of("Created At", "date", CREATED_DESCRIPTION, (o, now) -> o.getMetadata().getCreationTimestamp()));

    private StandardColumns() {}

    /** The primary column; format "name" tells clients this cell identifies the row. */
    public static <T extends HasMetadata> TableColumn<T> name() {
        return new TableColumn<>(new TableColumnDefinition("Name", "string", "name", NAME_DESCRIPTION, 0),
                (o, now) -> o.getMetadata().getName());
    }

    /** printers.go's Age column: a string cell computed by translateTimestampSince. */
    public static <T extends HasMetadata> TableColumn<T> age() {
        return TableColumn.of("Age", "string", CREATED_DESCRIPTION, (o, now) -> age(o.getMetadata().getCreationTimestamp(), now));
    }

    /** translateTimestampSince: how long ago, "<unknown>" for a missing timestamp. */
    public static String age(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.format(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }
}
