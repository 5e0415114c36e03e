package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.codec.ObjectCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object's {@code metadata.managedFields}, decoded: per manager, the fields it owns, the
 * apiVersion it used and when it last changed something (managedfields internal Managed).
 */
final class ManagedFields {

    record Entry(FieldSet fields, String apiVersion, String time) {}

    /** The manager that the oldest updates are folded into. */
    static final String ANCIENT_CHANGES = "ancient-changes";

    private final Map<ManagerKey, Entry> entries;

    private ManagedFields(Map<ManagerKey, Entry> entries) {
        this.entries = entries;
    }

    static ManagedFields empty() {
        return new ManagedFields(new LinkedHashMap<>());
    }

    /** Entries of one identity are merged, as decoding them into a map does upstream. */
    static ManagedFields decode(JsonNode list) {
        ManagedFields out = empty();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode item : list) {
            String operation = item.path("operation").asText("");
            String subresource = item.path("subresource").asText("");
            String apiVersion = item.path("apiVersion").asText("");
            ManagerKey key = new ManagerKey(item.path("manager").asText(""), operation,
                    ManagerKey.APPLY.equals(operation) ? null : apiVersion, subresource.isEmpty() ? null : subresource);
            FieldSet fields = FieldSet.fromFieldsV1(item.get("fieldsV1"));
            Entry previous = out.entries.get(key);
            String time = item.path("time").isTextual() ? item.path("time").asText() : null;
            out.entries.put(key, previous == null ? new Entry(fields, apiVersion, time)
                    : new Entry(previous.fields().union(fields), apiVersion, time));
        }
        return out;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Map<ManagerKey, Entry> entries() {
        return entries;
    }

    Entry get(ManagerKey key) {
        return entries.get(key);
    }

    void put(ManagerKey key, Entry entry) {
        if (entry.fields().isEmpty()) {
            entries.remove(key);
        } else {
            entries.put(key, entry);
        }
    }

    ManagedFields copy() {
        return new ManagedFields(new LinkedHashMap<>(entries));
    }

    /** The union of every manager's fields. */
    FieldSet owned() {
        FieldSet out = FieldSet.EMPTY;
        for (Entry entry : entries.values()) {
            out = out.union(entry.fields());
        }
        return out;
    }

    /**
     * Folds the oldest Update entries into one {@code ancient-changes} entry per API version until at
     * most {@code max} remain (capmanagers.go, DefaultMaxUpdateManagers 10).
     */
    void capUpdateManagers(int max) {
        List<ManagerKey> updaters = new ArrayList<>(entries.keySet().stream().filter(k -> !k.applies()).toList());
        if (updaters.size() <= max) {
            return;
        }
        updaters.sort(Comparator.<ManagerKey>comparingLong(k -> seconds(entries.get(k).time()))
                .thenComparing(ManagerKey::manager).thenComparing(k -> k.subresource() == null ? "" : k.subresource()));
        Map<String, ManagerKey> firstOfVersion = new LinkedHashMap<>();
        int remaining = updaters.size();
        for (int i = 0; i < updaters.size() && remaining > max; i++) {
            ManagerKey manager = updaters.get(i);
            Entry entry = entries.get(manager);
            ManagerKey first = firstOfVersion.putIfAbsent(entry.apiVersion(), manager);
            if (first == null) {
                continue;
            }
            ManagerKey bucket = ManagerKey.update(ANCIENT_CHANGES, entry.apiVersion(), null);
            if (!entries.containsKey(bucket)) {
                entries.put(bucket, entries.remove(first));
            }
            entries.put(bucket, new Entry(entries.get(bucket).fields().union(entry.fields()), entry.apiVersion(), entry.time()));
            entries.remove(manager);
            remaining--;
        }
    }

    /** In kube's order (sortEncodedManagedFields): operation, time, manager, apiVersion, subresource. */
    ArrayNode encode() {
        List<Map.Entry<ManagerKey, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.<Map.Entry<ManagerKey, Entry>, String>comparing(e -> e.getKey().operation())
                .thenComparingLong(e -> seconds(e.getValue().time()))
                .thenComparing(e -> e.getKey().manager())
                .thenComparing(e -> e.getValue().apiVersion())
                .thenComparing(e -> e.getKey().subresource() == null ? "" : e.getKey().subresource()));
        ArrayNode out = ObjectCodec.JSON.createArrayNode();
        for (Map.Entry<ManagerKey, Entry> e : sorted) {
            ObjectNode item = out.addObject();
            item.put("manager", e.getKey().manager());
            item.put("operation", e.getKey().operation());
            item.put("apiVersion", e.getValue().apiVersion());
            if (e.getValue().time() != null) {
                item.put("time", e.getValue().time());
            }
            item.put("fieldsType", "FieldsV1");
            item.set("fieldsV1", e.getValue().fields().toFieldsV1());
            if (e.getKey().subresource() != null) {
                item.put("subresource", e.getKey().subresource());
            }
        }
        return out;
    }

    private static long seconds(String time) {
        try {
            return time == null ? 0 : Instant.parse(time).getEpochSecond();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManagedFields m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
