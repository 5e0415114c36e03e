package io.jk8s.api.openapi;

/** Where the two OpenAPI versions kube serves differ in how a schema is written. */
enum Dialect {
    /** Swagger 2.0 ({@code /openapi/v2}): plain {@code $ref}s into {@code definitions}. */
    V2("#/definitions/"),
    /**
     * OpenAPI 3.0 ({@code /openapi/v3/...}): kube wraps property references in {@code allOf} so
     * that siblings such as {@code description} are legal, and gives Quantity and IntOrString
     * {@code oneOf} types.
     */
    V3("#/components/schemas/");

    final String refPrefix;

    Dialect(String refPrefix) {
        this.refPrefix = refPrefix;
    }
}
