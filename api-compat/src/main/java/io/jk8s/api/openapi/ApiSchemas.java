package io.jk8s.api.openapi;

import io.jk8s.api.registry.ResourceTable;

/**
 * The schema catalog and the OpenAPI documents rendered from it. Building them reflects over every
 * model class (a few hundred milliseconds), so the server builds them on a worker while it starts
 * rather than on the path to listening. The documents follow the custom resources served.
 */
public final class ApiSchemas {

    private final SchemaCatalog catalog;
    private final ResourceTable table;
    private volatile OpenApiDocuments documents;

    private ApiSchemas(SchemaCatalog catalog, ResourceTable table, OpenApiDocuments documents) {
        this.catalog = catalog;
        this.table = table;
        this.documents = documents;
    }

    public static ApiSchemas build(ResourceTable table, String serverVersion) {
        SchemaCatalog catalog = SchemaCatalog.of(table);
        return new ApiSchemas(catalog, table, new OpenApiDocuments(table, catalog, serverVersion));
    }

    public SchemaCatalog catalog() {
        return catalog;
    }

    /**
     * The documents for what is served now: the custom group versions are rendered again once the
     * custom resources changed (a few milliseconds each), so call it off the event loop.
     */
    public OpenApiDocuments documents() {
        OpenApiDocuments current = documents;
        OpenApiDocuments now = current.including(table.custom());
        if (now != current) {
            documents = now;
        }
        return now;
    }
}
