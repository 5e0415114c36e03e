package io.jk8s.server;

import io.jk8s.api.ApiServer;
import io.jk8s.api.ApiServerOptions;
import io.jk8s.api.KubeconfigWriter;
import io.jk8s.api.SecureServing;
import io.jk8s.storage.rocksdb.RocksDbStore;
import io.jk8s.storage.Store;
import io.jk8s.storage.StoreOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one cluster's start-up order: storage, then the API server, then (once {@code /readyz}
 * answers) the kubeconfig, then the API clients (reconcilers, node runtime). Closing reverses it.
 */
final class Cluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Store store;
    private final Vertx vertx;
    private final ApiServer api;
    private volatile ClusterAgents agents;

    private Cluster(Store store, Vertx vertx, ApiServer api) {
        this.store = store;
        this.vertx = vertx;
        this.api = api;
    }

    static Cluster start(ClusterConfig config) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(config.dataDir());
        // opening RocksDB (native library extraction, WAL replay) and starting Vert.x are independent
        // and each takes a few hundred milliseconds: overlap them
        CompletableFuture<Store> opening = CompletableFuture.supplyAsync(
                () -> RocksDbStore.open(config.dataDir().resolve("db"), StoreOptions.defaults()));
        Vertx vertx = Vertx.vertx();
        Store store;
        try {
            store = opening.join();
        } catch (CompletionException e) {
            vertx.close();
            // typically another server holds the data dir's lock
            throw new ClusterStartException(e.getCause().getMessage(), e.getCause());
        }
        // once this server holds the data dir (the store's lock), controllers or not: a separate
        // controller-manager is pointed at these files
        Path pki = config.dataDir().resolve("pki");
        ClusterCertificateAuthority.ensure(pki);
        SecureServing secure = null;
        if (config.securePort() != null) {
            ApiServerCertificates.ensure(pki);
            secure = new SecureServing(config.securePort(), pki.resolve(ApiServerCertificates.SERVING_CERT),
                    pki.resolve(ApiServerCertificates.SERVING_KEY), pki.resolve(ClusterCertificateAuthority.CERT_FILE));
        }
        ApiServer api;
        try {
            // pki/sa.key: kubeadm's name for the service-account signing key
            api = ApiServer.start(vertx, store, new ApiServerOptions("127.0.0.1", config.port(),
                            ApiServerOptions.DEFAULT_BOOKMARK_INTERVAL, pki.resolve("sa.key"), secure))
                    .toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
            store.close();
            throw new ClusterStartException("cannot serve the API on 127.0.0.1:" + config.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        Cluster cluster = new Cluster(store, vertx, api);
        String url = "http://127.0.0.1:" + config.port();
        awaitReady(url);
        if (secure != null) {
            // before the plain kubeconfig, whose appearance tells scripts the server is ready
            KubeconfigWriter.writeSecure(config.secureKubeconfig(), "https://127.0.0.1:" + api.securePort(),
                    Files.readAllBytes(pki.resolve(ClusterCertificateAuthority.CERT_FILE)),
                    Files.readAllBytes(pki.resolve(ApiServerCertificates.ADMIN_CERT)),
                    Files.readAllBytes(pki.resolve(ApiServerCertificates.ADMIN_KEY)));
        }
        KubeconfigWriter.write(config.kubeconfig(), url);
        log.info("API server ready at {} in {} ms (store revision {}); kubeconfig written to {}",
                url, (System.nanoTime() - started) / 1_000_000, store.currentRevision(), config.kubeconfig());
        cluster.agents = ClusterAgents.start(vertx, url, config);
        return cluster;
    }

    /**
     * Asks {@code /readyz} as an outside client would, so "ready" means reachable, not just bound.
     * (HttpURLConnection rather than java.net.http: it loads far fewer classes on the start-up path.)
     */
    private static void awaitReady(String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpURLConnection readyz = (HttpURLConnection) URI.create(url + "/readyz").toURL().openConnection();
                readyz.setConnectTimeout(2000);
                readyz.setReadTimeout(2000);
                int status = readyz.getResponseCode();
                readyz.disconnect();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(url + "/readyz did not answer 200 within " + READY_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        if (agents != null) {
            agents.close();
        }
        try {
            api.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            log.warn("API server did not stop cleanly", e);
        }
        vertx.close();
        store.close();
    }
}
