package io.jk8s.api.proxy;

import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.http.Responses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Forwards a request to a kubelet, pod or endpoint and streams the answer back, including HTTP
 * upgrades (WebSocket, SPDY), whose bytes are then copied both ways untouched (apiserver's
 * util/proxy UpgradeAwareHandler). Kubelet certificates are not verified, as kube-apiserver does not
 * without --kubelet-certificate-authority.
 */
public final class UpgradeAwareProxy {

    /** Hop-by-hop headers (RFC 7230 6.1), dropped on both legs except for the upgrade's own. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final HttpClient client;

    public UpgradeAwareProxy(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setTrustAll(true).setVerifyHost(false)
                .setConnectTimeout(10_000).setMaxPoolSize(64));
    }

    /** @param upgradeRequired exec, attach and port-forward only work as upgrades; kube answers 400 otherwise */
    public void forward(RoutingContext ctx, ConnectTarget target, boolean upgradeRequired) {
        HttpServerRequest in = ctx.request();
        boolean upgrade = isUpgrade(in);
        if (upgradeRequired && !upgrade) {
            Responses.error(ctx, StatusErrors.badRequest("Upgrade request required"));
            return;
        }
        in.pause();
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(target.host()).setPort(target.port())
                .setSsl(target.ssl()).setURI(target.uri()).setHeaders(requestHeaders(in, upgrade));
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                unreachable(ctx, target, opened.cause());
                return;
            }
            HttpClientRequest out = opened.result();
            if (upgrade) {
                out.connect().onComplete(answered -> {
                    if (answered.failed()) {
                        unreachable(ctx, target, answered.cause());
                    } else if (answered.result().statusCode() == 101) {
                        splice(in, answered.result());
                    } else {
                        relay(in, answered.result());
                    }
                });
            } else {
                out.send(in).onComplete(answered -> {
                    if (answered.failed()) {
                        unreachable(ctx, target, answered.cause());
                    } else {
                        relay(in, answered.result());
                    }
                });
            }
        });
    }

    /**
     * A GET whose answer is streamed as {@code contentType} when it is 2xx and turned into a Status
     * otherwise (apiserver's LocationStreamer with a GenericHttpResponseChecker: pods/log).
     */
    public void stream(RoutingContext ctx, ConnectTarget target, String contentType, BackendErrors errors) {
        HttpServerRequest in = ctx.request();
        RequestOptions options = new RequestOptions().setHost(target.host()).setPort(target.port())
                .setSsl(target.ssl()).setURI(target.uri());
        client.request(options).compose(HttpClientRequest::send).onComplete(answered -> {
            if (answered.failed()) {
                unreachable(ctx, target, answered.cause());
                return;
            }
            HttpClientResponse answer = answered.result();
            if (answer.statusCode() >= 200 && answer.statusCode() <= 206) {
                HttpServerResponse response = in.response().setStatusCode(200).setChunked(true)
                        .putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-cache, private");
                response.closeHandler(v -> answer.request().connection().close());
                answer.pipeTo(response);
            } else {
                answer.body().onComplete(body -> Responses.error(ctx, errors.toStatus(answer.statusCode(),
                        body.succeeded() ? body.result().toString() : "")));
            }
        });
    }

    /** Turns a backend's error answer into the Status the client gets. */
    @FunctionalInterface
    public interface BackendErrors {
        RuntimeException toStatus(int code, String body);
    }

    /** Sends the backend's answer on as it comes (a followed log never ends by itself). */
    static void relay(HttpServerRequest in, HttpClientResponse answer) {
        HttpServerResponse response = in.response();
        response.setStatusCode(answer.statusCode());
        copyHeaders(answer.headers(), response.headers(), false);
        if (!answer.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        response.closeHandler(v -> answer.request().connection().close());
        answer.pipeTo(response);
    }

    private static void splice(HttpServerRequest in, HttpClientResponse answer) {
        HttpServerResponse response = in.response();
        copyHeaders(answer.headers(), response.headers(), true);
        NetSocket upstream = answer.netSocket();
        upstream.pause();
        in.toNetSocket().onComplete(tunnel -> {
            if (tunnel.failed()) {
                upstream.close();
                return;
            }
            NetSocket downstream = tunnel.result();
            downstream.pipeTo(upstream);
            upstream.pipeTo(downstream);
        });
    }

    private static MultiMap requestHeaders(HttpServerRequest in, boolean upgrade) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyHeaders(in.headers(), headers, upgrade);
        // the caller's credentials are for this server, not for the backend
        headers.remove("Authorization");
        return headers;
    }

    private static void copyHeaders(MultiMap from, MultiMap to, boolean upgrade) {
        from.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean keep = !HOP_BY_HOP.contains(lower) || (upgrade && (lower.equals("connection") || lower.equals("upgrade")));
            if (keep) {
                to.add(name, value);
            }
        });
    }

    static boolean isUpgrade(HttpServerRequest in) {
        String connection = in.getHeader("Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade") && in.getHeader("Upgrade") != null;
    }

    /** kube's message for a backend it cannot dial, in Go's words for the common cases. */
    private static void unreachable(RoutingContext ctx, ConnectTarget target, Throwable cause) {
        String dial = "dial tcp " + target.host() + ":" + target.port() + ": ";
        String why = cause instanceof java.net.ConnectException ? dial + "connect: connection refused"
                : cause instanceof io.netty.channel.ConnectTimeoutException ? dial + "i/o timeout"
                : cause.getMessage();
        Responses.error(ctx, StatusErrors.serviceUnavailable("error trying to reach service: " + why));
    }
}
