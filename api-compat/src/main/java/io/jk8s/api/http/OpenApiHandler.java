package io.jk8s.api.http;

import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.OpenApiDocuments;
import io.jk8s.api.openapi.OpenApiDocuments.Document;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.function.Supplier;

/**
 * {@code /openapi/v2}, {@code /openapi/v3} and {@code /openapi/v3/<group-version>}, served from
 * documents rendered once. As kube-openapi's handler does, a v3 URL with the current {@code hash}
 * is immutable, a stale hash redirects to the current one, and ETags allow 304s.
 */
final class OpenApiHandler {

    /** One year, as kube-openapi marks hashed v3 documents. */
    private static final String IMMUTABLE = "public, immutable, max-age=31536000";

    private final Supplier<OpenApiDocuments> documents;

    OpenApiHandler(Supplier<OpenApiDocuments> documents) {
        this.documents = documents;
    }

    /**
     * kubectl asks only for the gnostic protobuf form of v2 and cannot read JSON there, so a client
     * that does not accept JSON gets 406, as from a server without that encoding; kubectl then
     * falls back to its built-in types.
     */
    void v2(RoutingContext ctx) {
        MediaTypes.negotiate(ctx.request().getHeader("Accept"), EnumSet.of(Representation.JSON));
        serve(ctx, documents.get().v2(), "no-cache, private");
    }

    void v3Index(RoutingContext ctx) {
        serve(ctx, documents.get().v3Index(), "no-cache, private");
    }

    void v3(RoutingContext ctx, String groupVersion) {
        Document document = documents.get().v3(groupVersion).orElseThrow(StatusErrors::pathNotFound);
        String hash = ctx.queryParams().get("hash");
        if (hash == null) {
            serve(ctx, document, "no-cache, private");
        } else if (hash.equals(document.hash())) {
            serve(ctx, document, IMMUTABLE);
        } else {
            ctx.response().setStatusCode(301)
                    .putHeader("Location", "/openapi/v3/" + groupVersion + "?hash=" + document.hash())
                    .putHeader("Cache-Control", "no-cache, private")
                    .end();
        }
    }

    private static void serve(RoutingContext ctx, Document document, String cacheControl) {
        String etag = "\"" + document.hash() + "\"";
        ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", cacheControl).putHeader("Vary", "Accept");
        if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(document.json()));
    }
}
