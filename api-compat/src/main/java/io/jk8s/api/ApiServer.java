package io.jk8s.api;

import io.jk8s.api.discovery.DiscoveryDocuments;
import io.jk8s.api.discovery.VersionInfo;
import io.jk8s.api.openapi.ApiSchemas;
import io.jk8s.api.http.ApiRouter;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.api.registry.SystemNamespaces;
import io.jk8s.api.registry.rbac.BootstrapPolicy;
import io.jk8s.api.registry.apiregistration.APIServiceControllers;
import io.jk8s.api.registry.apiregistration.AggregatedAPIServices;
import io.jk8s.api.serviceaccount.ServiceAccountIssuer;
import io.jk8s.api.registry.scheduling.SystemPriorityClasses;
import io.jk8s.api.registry.core.KubernetesService;
import io.jk8s.storage.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.Handler;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes-compatible HTTP API over a {@link Store}. Binds first (so /healthz and /livez
 * answer early), then creates the system namespaces and the `kubernetes` service; /readyz answers 200 only after that, and the
 * returned future completes then too.
 */
public final class ApiServer {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer server;
    private final HttpServer secureServer;

    private ApiServer(HttpServer server, HttpServer secureServer) {
        this.server = server;
        this.secureServer = secureServer;
    }

    public static Future<ApiServer> start(Vertx vertx, Store store, ApiServerOptions options) {
        return start(vertx, store, options, ResourceTable.builtIn());
    }

    /** Serves the resources of {@code table} (tests use this to add kinds ahead of their strategies). */
    public static Future<ApiServer> start(Vertx vertx, Store store, ApiServerOptions options, ResourceTable table) {
        Clock clock = Clock.systemUTC();
        ServiceAccountIssuer issuer = options.serviceAccountKeyFile() == null ? ServiceAccountIssuer.ephemeral()
                : ServiceAccountIssuer.withKeyFile(options.serviceAccountKeyFile());
        Registry registry = new Registry(store, table, clock, issuer);
        AtomicBoolean ready = new AtomicBoolean();
        AggregatedAPIServices aggregated = new AggregatedAPIServices();
        DiscoveryDocuments discovery = new DiscoveryDocuments(registry.table(), options.host() + ":" + options.port(), aggregated);
        // no h2c: kube-apiserver speaks HTTP/2 only over TLS and answers a cleartext "Upgrade: h2c" in
        // HTTP/1.1; accepting it (Vert.x's default) let a large answer race the protocol switch, and the
        // JDK's client, which asks for h2c on its first request, read body bytes as HTTP/2 frames
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setHttp2ClearTextEnabled(false));
        // built beside the store work below and not waited for by /readyz (reflecting over every
        // model class takes about a second cold); requests that need schemas wait for it without blocking
        Future<ApiSchemas> schemas = vertx.executeBlocking(() -> ApiSchemas.build(table, VersionInfo.GIT_VERSION), false)
                .onFailure(e -> log.error("building the schema catalog failed; writes and /openapi will answer 500", e));
        // kube publishes https://<external address>/openid/v1/jwks; this server speaks plain HTTP on its address
        Supplier<String> jwksUri = () -> "http://" + options.host() + ":" + server.actualPort() + ServiceAccountIssuer.JWKS_PATH;
        Handler<HttpServerRequest> router = ApiRouter.create(vertx, registry, schemas, discovery, ready::get, clock,
                options.bookmarkInterval(), jwksUri, aggregated);
        server.requestHandler(router);
        HttpServer secureServer = options.secureServing() == null ? null
                : vertx.createHttpServer(secureOptions(options.host(), options.secureServing())).requestHandler(router);
        return server.listen()
                .compose(bound -> secureServer == null ? Future.succeededFuture(bound) : secureServer.listen())
                .compose(bound -> vertx.executeBlocking(() -> {
                    registry.startWatchCaches();
                    SystemNamespaces.ensure(registry);
                    KubernetesService.ensure(registry);
                    BootstrapPolicy.ensure(registry);
                    SystemPriorityClasses.ensure(registry);
                    APIServiceControllers.start(registry, clock, aggregated);
                    return null;
                }, false))
                .map(done -> {
                    ready.set(true);
                    log.info("API server listening on {}:{}{}", options.host(), server.actualPort(),
                            secureServer == null ? "" : " and (HTTPS) " + secureServer.actualPort());
                    return new ApiServer(server, secureServer);
                });
    }

    /**
     * TLS with HTTP/1.1 only: exec, attach and port-forward upgrade the connection, which HTTP/2
     * cannot carry, and every client falls back to HTTP/1.1 when ALPN offers nothing else. A client
     * certificate is asked for, not required: token and anonymous requests come without one.
     */
    private static HttpServerOptions secureOptions(String host, SecureServing secure) {
        return new HttpServerOptions().setHost(host).setPort(secure.port()).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(secure.certFile().toString())
                        .setKeyPath(secure.keyFile().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(secure.clientCaFile().toString()))
                .setClientAuth(ClientAuth.REQUEST);
    }

    /** The bound port (useful when started with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** The bound HTTPS port, or -1 when there is none. */
    public int securePort() {
        return secureServer == null ? -1 : secureServer.actualPort();
    }

    public Future<Void> close() {
        return secureServer == null ? server.close() : Future.join(server.close(), secureServer.close()).mapEmpty();
    }
}
