package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.jk8s.node.kubelet.KubeletConfiguration;
import io.jk8s.node.simulated.SimulatedNodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.ControllerManagerConfiguration;
import io.jk8s.reconcilers.LeaderElectedControllerManager;
import io.jk8s.reconcilers.certificates.ClusterSigning;
import io.jk8s.reconcilers.LeaderElectedControllerManager.OnLostLease;
import io.jk8s.reconcilers.leaderelection.LeaderElection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
    private volatile LeaderElectedControllerManager controllers;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<Node> nodeInformer;
    private volatile SimulatedNodes nodes;
    private volatile NodeAgents node;
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
        return kept(ComponentClients.create(loopback(), component, vertx));
    }

    private KubernetesClient kept(KubernetesClient client) {
        clients.add(client);
        return client;
    }

    private Config loopback() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(apiUrl).build();
    }

    private void start(ClusterConfig config) {
        try {
            NodeMode mode = config.nodeMode();
            KubernetesClient controllerClient = kept(ComponentClients.controllerManager(loopback(), vertx));
            if (mode == NodeMode.simulated) {
                // one pod cache for the simulated kubelets and (whenever this process leads) the controllers
                pods = controllerClient.pods().inAnyNamespace().inform();
                nodeInformer = controllerClient.nodes().inform();
            }
            if (config.controllerManager()) {
                // the in-process controllers campaign like any controller-manager; losing the Lease must not take the API down.
                // Only one server can open a data directory, so its name there is this server's across restarts.
                String identity = LeaderElection.identity("jk8s server " + config.dataDir().toAbsolutePath().normalize());
                Path pki = config.dataDir().resolve("pki");
                ClusterSigning clusterCa = ClusterCertificateAuthority.files(pki);
                // the API server's service-account signing key (see Cluster), and the cluster CA as the tokens' ca.crt
                ControllerManagerConfiguration configuration = new ControllerManagerConfiguration(config.nodeMonitorGracePeriod(),
                        Optional.of(clusterCa), Optional.of(pki.resolve("sa.key")), Optional.of(clusterCa.certFile()));
                controllers = pods != null
                        ? LeaderElectedControllerManager.start(controllerClient, identity, configuration, pods, nodeInformer,
                                OnLostLease.STAND_AGAIN)
                        : LeaderElectedControllerManager.start(controllerClient, identity, configuration, OnLostLease.STAND_AGAIN);
            }
            if (mode == NodeMode.docker) {
                node = NodeAgents.start(NodeRuntime.docker, new KubeletConfiguration(KubeletConfiguration.defaultNodeName(),
                        config.dataDir().resolve("kubelet"), config.podManifestDir()), config.dataDir().resolve("images"),
                        this::clientFor, vertx);
            }
            if (mode == NodeMode.simulated) {
                nodes = SimulatedNodes.start(clientFor("kubelet"), config.simulatedNodes(), pods, nodeInformer);
            }
        } catch (Exception e) {
            log.error("controllers or node runtime failed to start; the API keeps serving", e);
        }
    }

    @Override
    public void close() {
        starter.interrupt();
        if (node != null) {
            node.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (controllers != null) {
            controllers.close();
        }
        if (pods != null) {
            pods.stop();
            nodeInformer.stop();
        }
        clients.forEach(KubernetesClient::close);
    }
}
