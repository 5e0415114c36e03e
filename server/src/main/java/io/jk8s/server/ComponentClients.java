package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.jk8s.api.discovery.VersionInfo;
import io.vertx.core.Vertx;

/**
 * API clients for the cluster's components. Each identifies as its component the way kube's binaries
 * do ({@code kubelet/v1.32.4 (linux/amd64) kubernetes/jk8s}): kube names a write's field manager after it.
 */
final class ComponentClients {

    private ComponentClients() {}

    /** @param base where the API is and how to authenticate (a kubeconfig's, or the loopback URL) */
    static KubernetesClient create(Config base, String component, Vertx vertx) {
        return build(new ConfigBuilder(base), component, vertx);
    }

    /**
     * kube-controller-manager's client. fabric8 sends a request again when its answer is lost (an
     * I/O error) or is a 5xx, POSTs included; client-go never replays a create, and a controller
     * must not: the first create may have happened, and a second pod with a generated name would
     * be one more replica than the controller's expectations allow for. A failed call fails the
     * sync instead, which the work queue retries after reading the informers again.
     */
    static KubernetesClient controllerManager(Config base, Vertx vertx) {
        return build(new ConfigBuilder(base).withRequestRetryBackoffLimit(0), "kube-controller-manager", vertx);
    }

    private static KubernetesClient build(ConfigBuilder base, String component, Vertx vertx) {
        Config config = base
                .withNamespace("default")
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256)
                .withUserAgent(component + "/" + VersionInfo.GIT_VERSION + " (linux/amd64) kubernetes/jk8s")
                .build();
        return new KubernetesClientBuilder()
                .withHttpClientFactory(new VertxHttpClientFactory(vertx))
                .withConfig(config)
                .build();
    }
}
