package io.jk8s.api.openapi;

import io.jk8s.api.registry.ResourceTable;

/**
 * The schema catalog and the OpenAPI documents rendered from it. Building them reflects over every
 * model class (a few hundred milliseconds), so the server builds them on a worker while it starts
 * rather than on the path to listening.
 */
public record ApiSchemas(SchemaCatalog catalog, OpenApiDocuments documents) {

    public static ApiSchemas build(ResourceTable table, String serverVersion) {
        SchemaCatalog catalog = SchemaCatalog.of(table);
        return new ApiSchemas(catalog, new OpenApiDocuments(table, catalog, serverVersion));
    }
}
