package io.jk8s.api.table;

import java.time.Instant;

/**
 * One server-side printing column: its definition (as kube's printers.go declares it) and how to
 * compute the cell for an object at the time of the response.
 */
public record TableColumn<T>(TableColumnDefinition definition, Cell<T> cell) {

    /** Computes one cell; {@code now} lets age columns be computed when the response is made. */
    @FunctionalInterface
    public interface Cell<T> {
        Object of(T object, Instant now);
    }

    public static <T> TableColumn<T> of(String name, String type, String description, Cell<T> cell) {
        return new TableColumn<>(new TableColumnDefinition(name, type, "", description, 0), cell);
    }

    public TableColumn<T> priority(int priority) {
        TableColumnDefinition d = definition;
        return new TableColumn<>(new TableColumnDefinition(d.name(), d.type(), d.format(), d.description(), priority), cell);
    }
}
