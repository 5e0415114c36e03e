package io.jk8s.api.http;

import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.OpenApiDocuments;
import io.jk8s.api.openapi.OpenApiDocuments.Document;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /openapi/v2}, {@code /openapi/v3} and {@code /openapi/v3/<group-version>}, served from
 * documents rendered once. As kube-openapi's handler does, a v3 URL with the current {@code hash}
 * is immutable, a stale hash redirects to the current one, and ETags allow 304s.
 */
final class OpenApiHandler {

    /** One year, as kube-openapi marks hashed v3 documents. */
    private static final String IMMUTABLE = "public, immutable, max-age=31536000";
    private static final Set<Representation> V2 = EnumSet.of(Representation.JSON, Representation.OPENAPI_V2_PROTOBUF);

    private final Supplier<OpenApiDocuments> documents;

    OpenApiHandler(Supplier<OpenApiDocuments> documents) {
        this.documents = documents;
    }

    /**
     * JSON, or gnostic protobuf for clients that ask for it: kubectl asks only for protobuf (and
     * fails on a 406) when it validates a {@code kind: List} on the client side. Both forms carry
     * the JSON's ETag, as kube-openapi's handler gives them.
     */
    void v2(RoutingContext ctx) {
        Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), V2);
        // rendered (and encoded) on first request after the custom resources changed: not on the event loop
        ctx.vertx().executeBlocking(() -> {
                    OpenApiDocuments all = documents.get();
                    return rep == Representation.JSON ? all.v2() : new Document(all.v2Protobuf(), all.v2().hash());
                }, false)
                .onSuccess(document -> serve(ctx, document.hash(), rep.contentType(), document.json(), "no-cache, private"))
                .onFailure(failure -> Responses.error(ctx, failure));
    }

    void v3Index(RoutingContext ctx) {
        current(ctx, all -> serve(ctx, all.v3Index(), "no-cache, private"));
    }

    void v3(RoutingContext ctx, String groupVersion) {
        current(ctx, all -> v3(ctx, groupVersion, all));
    }

    /** The documents for what is served now, which a changed custom resource definition has rendered again (off the event loop). */
    private void current(RoutingContext ctx, java.util.function.Consumer<OpenApiDocuments> then) {
        ctx.vertx().executeBlocking(documents::get, false)
                .onSuccess(all -> {
                    try {
                        then.accept(all);
                    } catch (RuntimeException e) {
                        Responses.error(ctx, e);
                    }
                })
                .onFailure(failure -> Responses.error(ctx, failure));
    }

    private void v3(RoutingContext ctx, String groupVersion, OpenApiDocuments all) {
        Document document = all.v3(groupVersion).orElseThrow(StatusErrors::pathNotFound);
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
        serve(ctx, document.hash(), Representation.JSON.contentType(), document.json(), cacheControl);
    }

    private static void serve(RoutingContext ctx, String hash, String contentType, byte[] body, String cacheControl) {
        String etag = "\"" + hash + "\"";
        ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", cacheControl).putHeader("Vary", "Accept");
        if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", contentType).end(Buffer.buffer(body));
    }
}
