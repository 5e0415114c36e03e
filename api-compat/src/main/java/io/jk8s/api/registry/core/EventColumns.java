package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import io.jk8s.api.table.TableColumnDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The event table (printers.go printEvent), shared by core/v1 and events.k8s.io/v1 events, which
 * upstream are one stored resource printed by one printer.
 */
public final class EventColumns {

    /** What printEvent reads, whichever API version the event came from. */
    public record View(String name, String firstTimestamp, String lastTimestamp, String eventTime, Integer count,
                       Integer seriesCount, String seriesLastObserved, String type, String reason, String kind,
                       String objectName, String fieldPath, String sourceComponent, String sourceHost,
                       String reportingController, String reportingInstance, String message) {}

    private EventColumns() {}

    public static <T extends HasMetadata> List<TableColumn<T>> columns(Function<T, View> view) {
        return List.of(
                TableColumn.of("Last Seen", "string", "The time at which the most recent occurrence of this event was "
                        + "recorded.", (e, now) -> lastSeen(view.apply(e), now)),
                TableColumn.of("Type", "string", "Type of this event (Normal, Warning), new types could be added in the "
                        + "future", (e, now) -> orEmpty(view.apply(e).type())),
                TableColumn.of("Reason", "string", "This should be a short, machine understandable string that gives the "
                        + "reason for the transition into the object's current status.", (e, now) -> orEmpty(view.apply(e).reason())),
                TableColumn.of("Object", "string", "The object that this event is about.", (e, now) -> object(view.apply(e))),
                TableColumn.<T>of("Subobject", "string", "If referring to a piece of an object instead of an entire object, "
                        + "this string should contain a valid JSON/Go field access statement, such as "
                        + "desiredState.manifest.containers[2].", (e, now) -> orEmpty(view.apply(e).fieldPath())).priority(1),
                TableColumn.<T>of("Source", "string", "The component reporting this event. Should be a short machine "
                        + "understandable string.", (e, now) -> source(view.apply(e))).priority(1),
                TableColumn.of("Message", "string", "A human-readable description of the status of this operation.",
                        (e, now) -> orEmpty(view.apply(e).message()).trim()),
                TableColumn.<T>of("First Seen", "string", "The time at which the event was first recorded. (Time of server "
                        + "receipt is in TypeMeta.)", (e, now) -> firstSeen(view.apply(e), now)).priority(1),
                TableColumn.<T>of("Count", "string", "The number of times this event has occurred.",
                        (e, now) -> count(view.apply(e))).priority(1),
                new TableColumn<T>(new TableColumnDefinition("Name", "string", "name", "Name must be unique within a "
                        + "namespace.", 1), (e, now) -> e.getMetadata().getName()));
    }

    private static String firstSeen(View v, Instant now) {
        return isEmpty(v.firstTimestamp()) ? micro(v.eventTime(), now) : StandardColumns.age(v.firstTimestamp(), now);
    }

    private static String lastSeen(View v, Instant now) {
        if (v.seriesCount() != null) {
            return micro(v.seriesLastObserved(), now);
        }
        return isEmpty(v.lastTimestamp()) ? firstSeen(v, now) : StandardColumns.age(v.lastTimestamp(), now);
    }

    private static long count(View v) {
        if (v.seriesCount() != null) {
            return v.seriesCount();
        }
        return v.count() == null || v.count() == 0 ? 1 : v.count();
    }

    private static String object(View v) {
        String kind = orEmpty(v.kind()).toLowerCase(Locale.ROOT);
        return isEmpty(v.objectName()) ? kind : kind + "/" + v.objectName();
    }

    private static String source(View v) {
        String component = isEmpty(v.sourceComponent()) ? orEmpty(v.reportingController()) : v.sourceComponent();
        String instance = isEmpty(v.sourceHost()) ? orEmpty(v.reportingInstance()) : v.sourceHost();
        if (component.isEmpty()) {
            return "";
        }
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String micro(String timestamp, Instant now) {
        return isEmpty(timestamp) ? "<unknown>" : StandardColumns.age(timestamp, now);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
