package io.jk8s.api.http;

import io.jk8s.api.discovery.DiscoveryDocuments;
import io.jk8s.api.discovery.VersionInfo;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.ApiSchemas;
import io.jk8s.api.proxy.ConnectRoutes;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.apiregistration.AggregatedAPIServices;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The URL space of the API server: health, version, discovery, then resources under
 * {@code /api/v1/...} and {@code /apis/<group>/<version>/...}. Anything else is kube's 404 Status.
 */
public final class ApiRouter {

    /** kube-apiserver's request body limit (3 MiB). */
    private static final long MAX_BODY_BYTES = 3 * 1024 * 1024;
    private static final Set<Representation> DISCOVERY = EnumSet.of(Representation.DISCOVERY_V2, Representation.JSON, Representation.YAML);
    private static final Set<Representation> PLAIN = EnumSet.of(Representation.JSON, Representation.YAML);

    private ApiRouter() {}

    public static Router create(Vertx vertx, Registry registry, Future<ApiSchemas> schemas, DiscoveryDocuments discovery,
                                BooleanSupplier ready, Clock clock, Duration bookmarkInterval, Supplier<String> jwksUri,
                                AggregatedAPIServices aggregated) {
        Router router = Router.router(vertx);
        ResourceHandler resources = new ResourceHandler(registry, () -> schemas.result().catalog(), clock, bookmarkInterval);
        OpenApiHandler openApiHandler = new OpenApiHandler(() -> schemas.result().documents());
        Handler<RoutingContext> schemasBuilt = afterCompletion(schemas);
        VersionInfo version = VersionInfo.current();

        // who the request is from and whether it may go on, before any route (kube authorizes before routing)
        router.route().handler(new AuthorizationFilter(registry, clock));
        router.get("/healthz").handler(ctx -> Responses.text(ctx, 200, "ok"));
        router.get("/livez").handler(ctx -> Responses.text(ctx, 200, "ok"));
        router.get("/readyz").handler(ctx -> {
            if (ready.getAsBoolean()) {
                Responses.text(ctx, 200, "ok");
            } else {
                Responses.text(ctx, 500, "[-]bootstrap failed: not finished\nreadyz check failed");
            }
        });
        router.get("/version").handler(safe(ctx -> Responses.write(ctx, 200, version, Representation.JSON)));

        router.get("/api").handler(safe(ctx -> discoveryRoot(ctx, discovery, true)));
        router.get("/apis").handler(safe(ctx -> discoveryRoot(ctx, discovery, false)));
        router.get("/api/v1").handler(safe(ctx -> Responses.write(ctx, 200,
                discovery.resourceList("", "v1").orElseThrow(StatusErrors::pathNotFound), negotiate(ctx, PLAIN))));
        // kube's own OpenAPI names these two with a trailing slash (/apis/apps/, /apis/apps/v1/), so clients generated
        // from it ask for them that way (the Python client's get_api_group and get_api_resources)
        router.getWithRegex("/apis/([^/]+)/?").handler(safe(ctx -> Responses.write(ctx, 200,
                discovery.group(ctx.pathParam("param0")).orElseThrow(StatusErrors::pathNotFound), negotiate(ctx, PLAIN))));
        router.getWithRegex("/apis/([^/]+)/([^/]+)/?").handler(safe(ctx -> Responses.write(ctx, 200,
                discovery.resourceList(ctx.pathParam("param0"), ctx.pathParam("param1")).orElseThrow(StatusErrors::pathNotFound),
                negotiate(ctx, PLAIN))));

        // kube-aggregator's proxyHandler: a group-version an APIService hands to a service is that service's; this
        // server proxies none, so it answers as for an unavailable one, in plain text (client-go then reports
        // "the server is currently unable to handle the request")
        router.routeWithRegex("/apis/([^/]+)/([^/]+)(/.*)?").order(-1).handler(ctx -> {
            if (aggregated.proxies(ctx.pathParam("param0"), ctx.pathParam("param1"))) {
                Responses.text(ctx, 503, "service unavailable\n");
            } else {
                ctx.next();
            }
        });

        router.get("/openapi/v2").handler(schemasBuilt).handler(safe(openApiHandler::v2));
        router.get("/openapi/v3").handler(schemasBuilt).handler(safe(openApiHandler::v3Index));
        router.getWithRegex("/openapi/v3/(.+)").handler(schemasBuilt)
                .handler(safe(ctx -> openApiHandler.v3(ctx, ctx.pathParam("param0"))));

        // streamed to kubelets and pods, so ahead of the body handler
        ConnectRoutes.install(vertx, router, registry);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        ServiceAccountRoutes.install(router, registry, clock, body, jwksUri);
        router.routeWithRegex("/api/v1/(.+)").handler(body).handler(schemasBuilt)
                .handler(safe(ctx -> resources.handle(ctx, "", "v1", ctx.pathParam("param0"))));
        router.routeWithRegex("/apis/([^/]+)/([^/]+)/(.+)").handler(body).handler(schemasBuilt)
                .handler(safe(ctx -> resources.handle(ctx, ctx.pathParam("param0"), ctx.pathParam("param1"), ctx.pathParam("param2"))));

        router.route().last().handler(ctx -> Responses.error(ctx, StatusErrors.pathNotFound()));
        router.errorHandler(413, ctx -> Responses.error(ctx, StatusErrors.requestEntityTooLarge("limit is " + MAX_BODY_BYTES)));
        router.errorHandler(404, ctx -> Responses.error(ctx, StatusErrors.pathNotFound()));
        router.errorHandler(500, ctx -> Responses.error(ctx, ctx.failure() == null ? new IllegalStateException("request failed") : ctx.failure()));
        return router;
    }

    /** Aggregated discovery when the client asks for it (kubectl does), plain APIVersions/APIGroupList otherwise. */
    private static void discoveryRoot(RoutingContext ctx, DiscoveryDocuments discovery, boolean core) {
        Representation rep = negotiate(ctx, DISCOVERY);
        Object body = rep == Representation.DISCOVERY_V2 ? discovery.aggregated(core)
                : core ? discovery.coreVersions() : discovery.groupList();
        ctx.response().putHeader("Vary", "Accept");
        Responses.write(ctx, 200, body, rep);
    }

    private static Representation negotiate(RoutingContext ctx, Set<Representation> offered) {
        return MediaTypes.negotiate(ctx.request().getHeader("Accept"), offered);
    }

    /**
     * Passes the request on once {@code future} has completed, without blocking the event loop; a
     * request that arrives earlier continues on its own context when it does. Reads never wait:
     * only writes decode bodies against the schemas.
     */
    private static Handler<RoutingContext> afterCompletion(Future<?> future) {
        return ctx -> {
            HttpMethod method = ctx.request().method();
            boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.DELETE);
            if (read && !ctx.normalizedPath().startsWith("/openapi/")) {
                ctx.next();
                return;
            }
            if (future.isComplete()) {
                continueAfter(ctx, future);
                return;
            }
            Context context = ctx.vertx().getOrCreateContext();
            future.onComplete(done -> context.runOnContext(v -> continueAfter(ctx, future)));
        };
    }

    private static void continueAfter(RoutingContext ctx, Future<?> future) {
        if (future.succeeded()) {
            ctx.next();
        } else {
            Responses.error(ctx, future.cause());
        }
    }

    /** Turns anything a handler throws into a Status response. */
    private static Handler<RoutingContext> safe(Handler<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (RuntimeException e) {
                Responses.error(ctx, e);
            }
        };
    }
}
