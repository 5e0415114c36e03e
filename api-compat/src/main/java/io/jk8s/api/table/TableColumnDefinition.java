package io.jk8s.api.table;

/** meta.k8s.io/v1 TableColumnDefinition; every field is always serialized, as upstream does. */
public record TableColumnDefinition(String name, String type, String format, String description, int priority) {}
