package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.authentication.TokenRequests;
import io.jk8s.api.serviceaccount.ServiceAccountIssuer;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.EnumSet;
import java.util.function.Supplier;

/**
 * The service-account token URLs: {@code POST .../serviceaccounts/<name>/token} (a TokenRequest,
 * routed ahead of the resource routes, which only know stored kinds) and the issuer's OpenID
 * discovery documents (pkg/routes/openidmetadata.go), served with kube's content types and its
 * one-hour public caching.
 */
final class ServiceAccountRoutes {

    private static final String CACHE_CONTROL = "public, max-age=3600";

    private ServiceAccountRoutes() {}

    static void install(Router router, Registry registry, Clock clock, Handler<RoutingContext> body, Supplier<String> jwksUri) {
        TokenRequests tokens = new TokenRequests(registry, clock);
        ServiceAccountIssuer issuer = registry.serviceAccountIssuer();
        router.postWithRegex("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/]+)/token").handler(body).handler(ctx -> {
            try {
                requestToken(ctx, tokens, ctx.pathParam("param0"), ctx.pathParam("param1"));
            } catch (RuntimeException e) {
                Responses.error(ctx, e);
            }
        });
        router.get("/.well-known/openid-configuration").handler(ctx ->
                document(ctx, "application/json", () -> issuer.openIdConfiguration(jwksUri.get())));
        router.get(ServiceAccountIssuer.JWKS_PATH).handler(ctx ->
                document(ctx, "application/jwk-set+json", issuer::keySet));
    }

    private static void requestToken(RoutingContext ctx, TokenRequests tokens, String namespace, String name) {
        Representation rep = MediaTypes.negotiate(ctx.request().getHeader("Accept"), EnumSet.of(Representation.JSON, Representation.YAML));
        TokenRequest request = RequestBodies.read(ctx, TokenRequest.class);
        if (request == null) {
            throw StatusErrors.badRequest("the request body is empty; expected a TokenRequest");
        }
        ResourceHandler.blocking(ctx, () -> tokens.create(namespace, name, request))
                .onSuccess(answer -> Responses.write(ctx, 201, answer, rep));
    }

    /** Reading the key the first time may generate it: off the event loop. */
    private static void document(RoutingContext ctx, String contentType, Supplier<byte[]> json) {
        ctx.vertx().executeBlocking(json::get, false).onComplete(done -> {
            if (done.failed()) {
                Responses.error(ctx, done.cause());
                return;
            }
            ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", contentType)
                    .putHeader("Cache-Control", CACHE_CONTROL)
                    .end(Buffer.buffer(done.result()));
        });
    }
}
