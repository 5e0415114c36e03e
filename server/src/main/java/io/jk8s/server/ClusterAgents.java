package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import com.github.dockerjava.api.DockerClient;
import io.jk8s.node.kubelet.DockerKubelet;
import io.jk8s.node.runtime.DockerConnection;
import io.jk8s.node.runtime.DockerRuntime;
import io.jk8s.node.runtime.ImageLoader;
import io.jk8s.node.proxy.ServiceProxy;
import io.jk8s.node.simulated.SimulatedNodes;
import io.jk8s.reconcilers.ControllerManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API clients of the all-in-one cluster: the controllers and the node runtime. They reach the
 * API server over loopback HTTP exactly as they would from another machine, never through its
 * classes.
 */
final class ClusterAgents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterAgents.class);

    private final KubernetesClient client;
    private volatile ControllerManager controllers;
    private volatile SimulatedNodes nodes;
    private volatile DockerKubelet kubelet;
    private volatile ServiceProxy proxy;
    private final Thread starter;
    private final Vertx vertx;

    private ClusterAgents(Vertx vertx, KubernetesClient client, ClusterConfig config) {
        this.vertx = vertx;
        this.client = client;
        // informers list everything before controllers run: do it beside the ready API, not before it
        this.starter = new Thread(() -> start(config), "cluster-agents-start");
        this.starter.setDaemon(true);
    }

    /** {@code vertx} is the API server's: the clients share its event loops instead of starting a second Vert.x. */
    static ClusterAgents start(Vertx vertx, String apiUrl, ClusterConfig config) {
        Config clientConfig = new ConfigBuilder(Config.empty())
                .withMasterUrl(apiUrl)
                .withNamespace("default")
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256)
                .build();
        ClusterAgents agents = new ClusterAgents(vertx, new KubernetesClientBuilder()
                .withHttpClientFactory(new VertxHttpClientFactory(vertx))
                .withConfig(clientConfig)
                .build(), config);
        agents.starter.start();
        return agents;
    }

    private void start(ClusterConfig config) {
        try {
            controllers = ControllerManager.start(client, config.nodeMonitorGracePeriod());
            NodeMode mode = config.nodeMode();
            if (mode == NodeMode.docker) {
                loadAirGapImages(config);
                kubelet = DockerKubelet.start(client, DockerRuntime.start(), config.dataDir().resolve("kubelet"), vertx);
                proxy = ServiceProxy.start(client);
            }
            if (mode == NodeMode.simulated) {
                nodes = SimulatedNodes.start(client, config.simulatedNodes(), controllers.pods(), controllers.nodes());
            }
        } catch (Exception e) {
            log.error("controllers or node runtime failed to start; the API keeps serving", e);
        }
    }

    /** The images of {@code <data-dir>/images}, loaded before any pod asks for them (k3s' air-gap directory). */
    private static void loadAirGapImages(ClusterConfig config) {
        DockerClient docker = DockerConnection.open();
        try {
            new ImageLoader(docker).loadAirGapImages(config.dataDir().resolve("images"));
        } finally {
            DockerConnection.closeQuietly(docker);
        }
    }

    @Override
    public void close() {
        starter.interrupt();
        if (proxy != null) {
            proxy.close();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (controllers != null) {
            controllers.close();
        }
        client.close();
    }
}
