package io.jk8s.api.proxy;

import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.http.Responses;
import io.jk8s.api.registry.Registry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * The connect subresources' URLs: {@code pods/{log,exec,attach,portforward,proxy}},
 * {@code services/proxy} and {@code nodes/proxy}, with {@code proxy/<path>} forms. They are routed
 * ahead of the resource routes, without a body handler, because their bodies and answers stream.
 */
public final class ConnectRoutes {

    private static final String POD = "/api/v1/namespaces/([^/]+)/pods/([^/]+)/";

    private ConnectRoutes() {}

    public static void install(Vertx vertx, Router router, Registry registry) {
        ConnectLocations locations = new ConnectLocations(registry);
        UpgradeAwareProxy proxy = new UpgradeAwareProxy(vertx);

        router.getWithRegex(POD + "log").handler(ctx -> {
            String ns = ctx.pathParam("param0");
            String name = ctx.pathParam("param1");
            String container = ctx.queryParams().get("container");
            blocking(ctx, () -> locations.log(ns, name, container, ctx.request().query()), target -> {
                if (target == null) {
                    ctx.response().setStatusCode(200).putHeader("Content-Type", "text/plain").end();
                } else {
                    proxy.stream(ctx, target, "text/plain", (code, body) -> StatusErrors.fromBackend(code, body, "", "pods/log", name));
                }
            });
        });
        router.routeWithRegex(POD + "(exec|attach)").handler(ctx -> {
            String container = ctx.queryParams().get("container");
            blocking(ctx, () -> locations.stream(ctx.pathParam("param0"), ctx.pathParam("param1"), container,
                    ctx.pathParam("param2"), ctx.request().query()), target -> proxy.forward(ctx, target, true));
        });
        router.routeWithRegex(POD + "portforward").handler(ctx ->
                blocking(ctx, () -> locations.portForward(ctx.pathParam("param0"), ctx.pathParam("param1"), ctx.request().query()),
                        target -> proxy.forward(ctx, target, true)));
        router.routeWithRegex(POD + "proxy(/.*)?").handler(ctx ->
                blocking(ctx, () -> locations.podProxy(ctx.pathParam("param0"), ctx.pathParam("param1"), rest(ctx, 7),
                        ctx.request().query()), target -> proxy.forward(ctx, target, false)));
        router.routeWithRegex("/api/v1/namespaces/([^/]+)/services/([^/]+)/proxy(/.*)?").handler(ctx ->
                blocking(ctx, () -> locations.serviceProxy(ctx.pathParam("param0"), ctx.pathParam("param1"), rest(ctx, 7),
                        ctx.request().query()), target -> proxy.forward(ctx, target, false)));
        router.routeWithRegex("/api/v1/nodes/([^/]+)/proxy(/.*)?").handler(ctx ->
                blocking(ctx, () -> locations.nodeProxy(ctx.pathParam("param0"), rest(ctx, 5), ctx.request().query()),
                        target -> proxy.forward(ctx, target, false)));
    }

    /** The raw (still encoded) path after the first {@code segments} segments, as kube passes it on ("" if none). */
    private static String rest(RoutingContext ctx, int segments) {
        String path = ctx.request().path();
        int at = 0;
        for (int i = 0; i < segments && at >= 0; i++) {
            at = path.indexOf('/', at + 1);
        }
        return at < 0 ? "" : path.substring(at);
    }

    /** Finds the target on a worker (it reads storage), then hands it over if it is on this machine. */
    private static void blocking(RoutingContext ctx, Callable<ConnectTarget> lookup, Handler<ConnectTarget> then) {
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> LocalDestinations.check(lookup.call()), false).onComplete(result -> {
            if (result.failed()) {
                Responses.error(ctx, result.cause());
            } else {
                try {
                    then.handle(result.result());
                } catch (RuntimeException e) {
                    Responses.error(ctx, e);
                }
            }
        });
    }
}
