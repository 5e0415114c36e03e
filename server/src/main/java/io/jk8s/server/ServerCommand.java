package io.jk8s.server;

import io.jk8s.node.DockerEngineProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jk8s server}: the all-in-one cluster (API server, reconcilers, node runtime). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the all-in-one cluster on 127.0.0.1 and write an admin kubeconfig.")
final class ServerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "State directory: db/ (RocksDB), pki/, images/, kubeconfig. Default: ~/.jk8s")
    Path dataDir = Path.of(System.getProperty("user.home"), ".jk8s");

    @Option(names = "--port", paramLabel = "PORT", description = "API server port on 127.0.0.1. Default: ${DEFAULT-VALUE}")
    int port = 6443;

    @Option(names = "--secure-port", paramLabel = "PORT",
            description = "Also serve the API over HTTPS on this port of 127.0.0.1 (0: a free one), with client-certificate"
                    + " and bearer-token authentication, and write <data-dir>/admin.conf for it. Default: no HTTPS")
    Integer securePort;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the admin kubeconfig once /readyz answers. Default: <data-dir>/kubeconfig")
    Path kubeconfig;

    @Option(names = "--node", paramLabel = "MODE",
            description = "Node runtime: ${COMPLETION-CANDIDATES}. Default: docker when a Docker engine answers, else simulated")
    NodeMode node;

    @Option(names = "--simulated-nodes", paramLabel = "N", description = "Number of simulated nodes. Default: ${DEFAULT-VALUE}")
    int simulatedNodes = 1;

    @Option(names = "--node-monitor-grace-period", paramLabel = "SECONDS",
            description = "Seconds a node's Lease may go unrenewed before the node is marked unreachable"
                    + " (kube-controller-manager's flag). Default: ${DEFAULT-VALUE}")
    int nodeMonitorGracePeriodSeconds = 40;

    @Option(names = "--disable-controller-manager",
            description = "Serve the API (and run the node runtime) without the in-process controllers and scheduler,"
                    + " for 'jk8s controller-manager' processes to run them (k3s' flag)")
    boolean disableControllerManager;

    @Option(names = "--pod-manifest-dir", paramLabel = "DIR",
            description = "Static pods: Pod manifests the docker node's kubelet runs without the API (kubelet's --pod-manifest-path)."
                    + " Default: <data-dir>/manifests")
    Path podManifestDir;

    @Override
    public Integer call() throws Exception {
        NodeMode mode = chooseNodeMode();
        if (mode == null) {
            return 2;
        }
        Path config = kubeconfig != null ? kubeconfig : dataDir.resolve("kubeconfig");
        ClusterConfig clusterConfig = new ClusterConfig(dataDir, port, securePort, config, mode, simulatedNodes,
                Duration.ofSeconds(nodeMonitorGracePeriodSeconds), !disableControllerManager,
                podManifestDir != null ? podManifestDir : dataDir.resolve("manifests"));
        Cluster cluster;
        try {
            cluster = Cluster.start(clusterConfig);
        } catch (ClusterStartException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "jk8s-shutdown"));
        System.out.println("jk8s is ready. Point kubectl at it with:");
        System.out.println("  export KUBECONFIG=" + config.toAbsolutePath());
        if (securePort != null) {
            System.out.println("or, over HTTPS with the administrator's client certificate:");
            System.out.println("  export KUBECONFIG=" + clusterConfig.secureKubeconfig().toAbsolutePath());
        }
        stopped.await();
        return 0;
    }

    private NodeMode chooseNodeMode() {
        if (node == NodeMode.simulated || node == NodeMode.none) {
            return node;
        }
        DockerEngineProbe.Result docker = DockerEngineProbe.probe();
        if (docker.reachable()) {
            return NodeMode.docker;
        }
        if (node == NodeMode.docker) {
            log.error("--node docker: the Docker engine at {} is not usable: {}", docker.endpoint(), docker.reason());
            return null;
        }
        log.info("No Docker engine at {} ({}); running simulated nodes instead", docker.endpoint(), docker.reason());
        return NodeMode.simulated;
    }
}
