package io.jk8s.api.registry.events;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.core.EventColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** events.k8s.io/v1 Events: the same printer and selectable fields as core events, from the new field names. */
public final class EventStrategy implements Strategy<Event> {

    @Override
    public List<TableColumn<Event>> tableColumns() {
        return EventColumns.columns(e -> {
            ObjectReference o = regarding(e);
            EventSource s = e.getDeprecatedSource() == null ? new EventSource() : e.getDeprecatedSource();
            return new EventColumns.View(e.getMetadata().getName(), e.getDeprecatedFirstTimestamp(),
                    e.getDeprecatedLastTimestamp(), e.getEventTime() == null ? null : e.getEventTime().getTime(),
                    e.getDeprecatedCount(), e.getSeries() == null ? null : e.getSeries().getCount(),
                    e.getSeries() == null || e.getSeries().getLastObservedTime() == null ? null
                            : e.getSeries().getLastObservedTime().getTime(),
                    e.getType(), e.getReason(), o.getKind(), o.getName(), o.getFieldPath(), s.getComponent(), s.getHost(),
                    e.getReportingController(), e.getReportingInstance(), e.getNote());
        });
    }

    @Override
    public Map<String, Function<Event, String>> fieldLabels() {
        return Map.ofEntries(
                Map.entry("regarding.kind", e -> regarding(e).getKind()),
                Map.entry("regarding.namespace", e -> regarding(e).getNamespace()),
                Map.entry("regarding.name", e -> regarding(e).getName()),
                Map.entry("regarding.uid", e -> regarding(e).getUid()),
                Map.entry("reason", Event::getReason),
                Map.entry("reportingController", Event::getReportingController),
                Map.entry("type", Event::getType));
    }

    private static ObjectReference regarding(Event e) {
        return e.getRegarding() == null ? new ObjectReference() : e.getRegarding();
    }
}
