package io.jk8s.node.kubelet.server;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jk8s.node.runtime.ContainerRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's HTTPS server (pkg/kubelet/server/server.go), the streaming part (plus {@code /healthz}
 * and {@code /pods}, which {@code nodes/proxy} reaches): kube-apiserver
 * proxies {@code pods/log}, {@code pods/exec}, {@code pods/attach} and {@code pods/portforward} here,
 * to the address and port the Node reports ({@code status.daemonEndpoints.kubeletEndpoint}).
 * It listens on 127.0.0.1 only, on 10250 when that is free and on any free port otherwise (several
 * jk8s clusters may share a machine).
 */
public final class KubeletServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 10250;
    private static final Logger log = LoggerFactory.getLogger(KubeletServer.class);

    private final HttpServer server;
    private final ExecutorService streams;

    private KubeletServer(HttpServer server, ExecutorService streams) {
        this.server = server;
        this.streams = streams;
    }

    /** @param rootDir the kubelet's root directory; its serving certificate is kept in {@code pki/} */
    public static KubeletServer start(Vertx vertx, ContainerRuntime runtime, KubeletHost host, Path rootDir, String nodeName) {
        ExecutorService streams = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kubelet-stream");
            thread.setDaemon(true);
            return thread;
        });
        ContainerLogs logs = new ContainerLogs(runtime, host, streams, Clock.systemUTC());
        RemoteCommand commands = new RemoteCommand(runtime, host, streams);
        PortForward portForward = new PortForward(vertx, host);
        Path keystore = KubeletCertificate.ensure(rootDir.resolve("pki"), nodeName);
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setSsl(true)
                .setPfxKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(KubeletCertificate.PASSWORD))
                .setWebSocketSubProtocols(List.of(RemoteCommand.V5, RemoteCommand.V4, PortForward.TUNNELING_PROTOCOL));
        HttpServer server = listen(vertx, options, request -> route(request, host, logs, commands, portForward));
        log.info("kubelet server listening on https://127.0.0.1:{}", server.actualPort());
        return new KubeletServer(server, streams);
    }

    private static HttpServer listen(Vertx vertx, HttpServerOptions options, io.vertx.core.Handler<HttpServerRequest> handler) {
        try {
            return await(vertx.createHttpServer(options.setPort(DEFAULT_PORT)).requestHandler(handler).listen());
        } catch (RuntimeException taken) {
            return await(vertx.createHttpServer(options.setPort(0)).requestHandler(handler).listen());
        }
    }

    private static HttpServer await(io.vertx.core.Future<HttpServer> listening) {
        try {
            return listening.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the kubelet server cannot listen: " + e.getMessage(), e);
        }
    }

    private static void route(HttpServerRequest request, KubeletHost host, ContainerLogs logs, RemoteCommand commands,
                              PortForward portForward) {
        List<String> parts = Arrays.stream(request.path().split("/")).filter(p -> !p.isEmpty()).toList();
        String root = parts.isEmpty() ? "" : parts.get(0);
        try {
            switch (root) {
                case "healthz" -> text(request.response(), 200, "ok");
                case "pods" -> request.response().putHeader("Content-Type", "application/json")
                        .end(Serialization.asJson(new PodListBuilder().withNewMetadata().endMetadata()
                                .withItems(host.pods()).build()));
                case "containerLogs" -> {
                    if (parts.size() != 4) {
                        text(request.response(), 404, "404 page not found");
                    } else {
                        logs.serve(request, parts.get(1), parts.get(2), parts.get(3));
                    }
                }
                // kubelet also accepts /exec/<ns>/<pod>/<uid>/<container>; the apiserver sends the short form
                case "exec", "attach" -> {
                    if (parts.size() < 4) {
                        text(request.response(), 404, "404 page not found");
                    } else {
                        commands.serve(request, parts.get(1), parts.get(2), parts.get(parts.size() - 1), root.equals("attach"));
                    }
                }
                case "portForward" -> {
                    if (parts.size() < 3) {
                        text(request.response(), 404, "404 page not found");
                    } else {
                        portForward.serve(request, parts.get(1), parts.get(2));
                    }
                }
                default -> text(request.response(), 404, "404 page not found");
            }
        } catch (RuntimeException e) {
            log.warn("kubelet {} {} failed", request.method(), request.path(), e);
            if (!request.response().headWritten()) {
                text(request.response(), 500, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    /** A plain-text answer, as kubelet's go-restful WriteError gives them. */
    static void text(HttpServerResponse response, int code, String body) {
        response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
        streams.shutdownNow();
    }
}
