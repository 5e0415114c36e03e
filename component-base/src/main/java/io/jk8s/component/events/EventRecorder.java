package io.jk8s.component.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What one component reports about the objects it acts on, as kubectl describe shows it under
 * Events: {@code From} is the component (client-go's EventRecorder with its EventSource).
 */
public final class EventRecorder {

    private final EventSink sink;
    private final String component;
    private final String host;

    EventRecorder(EventSink sink, String component, String host) {
        this.sink = sink;
        this.component = component;
        this.host = host;
    }

    public void normal(HasMetadata object, String reason, String message) {
        sink.record(component, host, object, null, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        sink.record(component, host, object, null, "Warning", reason, message);
    }

    /** An event about one part of {@code object}, e.g. a pod's container at {@code spec.containers{app}}. */
    public void normal(HasMetadata object, String fieldPath, String reason, String message) {
        sink.record(component, host, object, fieldPath, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String fieldPath, String reason, String message) {
        sink.record(component, host, object, fieldPath, "Warning", reason, message);
    }
}
