package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * core/v1 Events (pkg/registry/core/event/strategy.go), with the field selectors `kubectl describe`
 * uses to find an object's events (involvedObject.name, .namespace, .uid, ...).
 */
public final class EventStrategy implements Strategy<Event> {

    @Override
    public List<TableColumn<Event>> tableColumns() {
        return EventColumns.columns(e -> {
            ObjectReference o = involved(e);
            EventSource s = e.getSource() == null ? new EventSource() : e.getSource();
            return new EventColumns.View(e.getMetadata().getName(), e.getFirstTimestamp(), e.getLastTimestamp(),
                    e.getEventTime() == null ? null : e.getEventTime().getTime(), e.getCount(),
                    e.getSeries() == null ? null : e.getSeries().getCount(),
                    e.getSeries() == null || e.getSeries().getLastObservedTime() == null ? null
                            : e.getSeries().getLastObservedTime().getTime(),
                    e.getType(), e.getReason(), o.getKind(), o.getName(), o.getFieldPath(), s.getComponent(), s.getHost(),
                    e.getReportingComponent(), e.getReportingInstance(), e.getMessage());
        });
    }

    @Override
    public Map<String, Function<Event, String>> fieldLabels() {
        return Map.ofEntries(
                Map.entry("involvedObject.kind", e -> involved(e).getKind()),
                Map.entry("involvedObject.namespace", e -> involved(e).getNamespace()),
                Map.entry("involvedObject.name", e -> involved(e).getName()),
                Map.entry("involvedObject.uid", e -> involved(e).getUid()),
                Map.entry("involvedObject.apiVersion", e -> involved(e).getApiVersion()),
                Map.entry("involvedObject.resourceVersion", e -> involved(e).getResourceVersion()),
                Map.entry("involvedObject.fieldPath", e -> involved(e).getFieldPath()),
                Map.entry("reason", Event::getReason),
                Map.entry("reportingComponent", Event::getReportingComponent),
                Map.entry("source", e -> e.getSource() == null ? null : e.getSource().getComponent()),
                Map.entry("type", Event::getType));
    }

    private static ObjectReference involved(Event e) {
        return e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
    }
}
