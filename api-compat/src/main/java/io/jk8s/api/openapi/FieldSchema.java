package io.jk8s.api.openapi;

/** One property of an object schema. */
public record FieldSchema(String name, SchemaType type, FieldPatchMeta patch) {}
