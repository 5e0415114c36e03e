package io.jk8s.api.openapi;

/** The type of a field as OpenAPI describes it: a primitive, a named schema, a list or a string-keyed map. */
public sealed interface SchemaType {

    record Primitive(String type, String format) implements SchemaType {}

    /** A named schema in the catalog, e.g. {@code io.k8s.api.core.v1.PodSpec}. */
    record Ref(String name) implements SchemaType {}

    record ArrayOf(SchemaType items) implements SchemaType {}

    record MapOf(SchemaType values) implements SchemaType {}

    /** Arbitrary JSON (RawExtension-like fields); nothing is known about its shape. */
    record FreeForm() implements SchemaType {}

    static Primitive string() {
        return new Primitive("string", null);
    }
}
