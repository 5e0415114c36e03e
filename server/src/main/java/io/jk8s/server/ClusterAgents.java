package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import com.github.dockerjava.api.DockerClient;
import io.jk8s.api.discovery.VersionInfo;
import io.jk8s.node.kubelet.DockerKubelet;
import io.jk8s.node.runtime.DockerConnection;
import io.jk8s.node.runtime.DockerRuntime;
import io.jk8s.node.runtime.ImageLoader;
import io.jk8s.node.runtime.PodNetwork;
import io.jk8s.node.proxy.ServiceProxy;
import io.jk8s.node.simulated.SimulatedNodes;
import io.jk8s.reconcilers.ControllerManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API clients of the all-in-one cluster: the controllers and the node runtime. They reach the
 * API server over loopback HTTP exactly as they would from another machine, never through its
 * classes.
 */
final class ClusterAgents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterAgents.class);

    private final Vertx vertx;
    private final String apiUrl;
    /** One client per component, each with its own User-Agent: kube names a write's field manager after it. */
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    private volatile ControllerManager controllers;
    private volatile SimulatedNodes nodes;
    private volatile DockerKubelet kubelet;
    private volatile ServiceProxy proxy;
    private final Thread starter;

    private ClusterAgents(Vertx vertx, String apiUrl, ClusterConfig config) {
        this.vertx = vertx;
        this.apiUrl = apiUrl;
        // informers list everything before controllers run: do it beside the ready API, not before it
        this.starter = new Thread(() -> start(config), "cluster-agents-start");
        this.starter.setDaemon(true);
    }

    /** {@code vertx} is the API server's: the clients share its event loops instead of starting a second Vert.x. */
    static ClusterAgents start(Vertx vertx, String apiUrl, ClusterConfig config) {
        ClusterAgents agents = new ClusterAgents(vertx, apiUrl, config);
        agents.starter.start();
        return agents;
    }

    /** A client that identifies as {@code component} the way kube's binaries do ({@code kubelet/v1.32.4 (linux/amd64) ...}). */
    private KubernetesClient clientFor(String component) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(apiUrl)
                .withNamespace("default")
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256)
                .withUserAgent(component + "/" + VersionInfo.GIT_VERSION + " (linux/amd64) kubernetes/jk8s")
                .build();
        KubernetesClient client = new KubernetesClientBuilder()
                .withHttpClientFactory(new VertxHttpClientFactory(vertx))
                .withConfig(config)
                .build();
        clients.add(client);
        return client;
    }

    private void start(ClusterConfig config) {
        try {
            controllers = ControllerManager.start(clientFor("kube-controller-manager"), config.nodeMonitorGracePeriod());
            NodeMode mode = config.nodeMode();
            if (mode == NodeMode.docker) {
                loadAirGapImages(config);
                kubelet = DockerKubelet.start(clientFor("kubelet"), DockerRuntime.start(), config.dataDir().resolve("kubelet"), vertx);
                proxy = ServiceProxy.start(clientFor("kube-proxy"), PodNetwork.DEFAULT.subnet());
            }
            if (mode == NodeMode.simulated) {
                nodes = SimulatedNodes.start(clientFor("kubelet"), config.simulatedNodes(), controllers.pods(), controllers.nodes());
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
        clients.forEach(KubernetesClient::close);
    }
}
