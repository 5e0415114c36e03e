package io.jk8s.api.testing;

import io.jk8s.testing.Kubectl;
import io.jk8s.api.ApiServer;
import io.jk8s.api.KubeconfigWriter;
import io.jk8s.api.ApiServerOptions;
import io.jk8s.api.registry.ResourceTable;
import io.jk8s.storage.Store;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.rocksdb.RocksDbStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real API server on a free loopback port over a real RocksDB store in a temporary directory,
 * with a kubeconfig for kubectl and a plain HTTP client for wire-level checks.
 */
public final class TestApiServer implements AutoCloseable {

    private final Store store;
    private final Vertx vertx;
    private final ApiServer server;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestApiServer(Store store, Vertx vertx, ApiServer server, Path dir) {
        this.store = store;
        this.vertx = vertx;
        this.server = server;
        this.dir = dir;
    }

    public static TestApiServer start(Path dir) {
        return start(dir, ApiServerOptions.DEFAULT_BOOKMARK_INTERVAL);
    }

    public static TestApiServer start(Path dir, Duration bookmarkInterval) {
        return start(dir, bookmarkInterval, ResourceTable.builtIn());
    }

    public static TestApiServer start(Path dir, ResourceTable table) {
        return start(dir, ApiServerOptions.DEFAULT_BOOKMARK_INTERVAL, table);
    }

    public static TestApiServer start(Path dir, Duration bookmarkInterval, ResourceTable table) {
        Store store = RocksDbStore.open(dir.resolve("db"), StoreOptions.defaults().withSyncWrites(false)
                .withProgressInterval(Duration.ofMillis(100)));
        Vertx vertx = Vertx.vertx();
        try {
            ApiServer server = ApiServer.start(vertx, store, new ApiServerOptions("127.0.0.1", 0, bookmarkInterval), table)
                    .toCompletionStage().toCompletableFuture().get();
            TestApiServer test = new TestApiServer(store, vertx, server, dir);
            test.writeKubeconfig();
            return test;
        } catch (Exception e) {
            vertx.close();
            store.close();
            throw new IllegalStateException("API server did not start", e);
        }
    }

    public Store store() {
        return store;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public Kubectl kubectl() {
        return new Kubectl(dir.resolve("kubeconfig"), dir.resolve("home"));
    }

    public HttpResponse<String> send(String method, String path, String accept, String body) {
        return send(method, path, accept, "application/json", body);
    }

    /** A request with its own Content-Type (a patch). */
    public HttpResponse<String> send(String method, String path, String accept, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streaming GET (a watch): the response lines as they arrive. */
    public HttpResponse<java.util.stream.Stream<String>> stream(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).header("Accept", "application/json").build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void writeKubeconfig() {
        try {
            KubeconfigWriter.write(dir.resolve("kubeconfig"), url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception ignored) {
            // closing anyway
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
        store.close();
    }
}
