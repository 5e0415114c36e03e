package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What one component reports about the objects it acts on, as kubectl describe shows it under
 * Events: {@code From} is the component (client-go's EventRecorder with its EventSource).
 */
public final class EventRecorder {

    private final EventSink sink;
    private final String component;

    EventRecorder(EventSink sink, String component) {
        this.sink = sink;
        this.component = component;
    }

    public void normal(HasMetadata object, String reason, String message) {
        sink.record(component, object, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        sink.record(component, object, "Warning", reason, message);
    }
}
