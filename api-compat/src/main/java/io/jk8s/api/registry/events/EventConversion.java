package io.jk8s.api.registry.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.registry.StorageVersion;
import java.util.Map;

/**
 * events.k8s.io/v1 Event to and from core/v1 Event, the stored form (pkg/apis/events/v1
 * conversion.go): the same fields under new names (regarding, note, reportingController,
 * deprecated*), the rest unchanged.
 */
public final class EventConversion implements StorageVersion.Converter {

    /** events.k8s.io/v1 name to core/v1 name. */
    private static final Map<String, String> RENAMED = Map.of(
            "regarding", "involvedObject",
            "note", "message",
            "reportingController", "reportingComponent",
            "deprecatedSource", "source",
            "deprecatedFirstTimestamp", "firstTimestamp",
            "deprecatedLastTimestamp", "lastTimestamp",
            "deprecatedCount", "count");

    @Override
    public ObjectNode toStorage(ObjectNode served) {
        ObjectNode stored = rename(served, false);
        stored.put("apiVersion", "v1");
        return stored;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored) {
        ObjectNode served = rename(stored, true);
        served.put("apiVersion", "events.k8s.io/v1");
        return served;
    }

    private static ObjectNode rename(ObjectNode from, boolean toServed) {
        ObjectNode to = from.objectNode();
        from.fields().forEachRemaining(field -> {
            String name = toServed ? servedName(field.getKey()) : RENAMED.getOrDefault(field.getKey(), field.getKey());
            JsonNode value = field.getValue();
            to.set(name, value);
        });
        return to;
    }

    private static String servedName(String storedName) {
        return RENAMED.entrySet().stream().filter(e -> e.getValue().equals(storedName)).map(Map.Entry::getKey)
                .findFirst().orElse(storedName);
    }
}
