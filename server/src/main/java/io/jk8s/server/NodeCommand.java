package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jk8s.node.DockerEngineProbe;
import io.jk8s.node.kubelet.KubeletConfiguration;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jk8s node}: a node that joins the cluster its kubeconfig names, on this machine or another
 * one. Its kubelet (and kube-proxy role) are pure API clients, as in the all-in-one server.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node (kubelet, and kube-proxy for docker) against the API server a kubeconfig names.")
final class NodeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(NodeCommand.class);
    /** A Node name is a DNS subdomain (RFC 1123), lower case. */
    private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final int PROBE_TIMEOUT_MILLIS = 5000;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE", required = true,
            description = "Kubeconfig of the cluster to join (e.g. the server's <data-dir>/kubeconfig)")
    Path kubeconfig;

    @Option(names = "--name", paramLabel = "NODE",
            description = "Node name (kubelet's --hostname-override). Default: this host's name in lower case")
    String name;

    @Option(names = "--runtime", paramLabel = "RUNTIME",
            description = "Container runtime: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    NodeRuntime runtime = NodeRuntime.docker;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Node state: kubelet/ (pod volumes), images/ (air-gap tarballs), manifests/. Default: ~/.jk8s")
    Path dataDir = Path.of(System.getProperty("user.home"), ".jk8s");

    @Option(names = "--pod-manifest-dir", paramLabel = "DIR",
            description = "Static pods: Pod manifests the kubelet runs without the API (kubelet's --pod-manifest-path)."
                    + " Default: <data-dir>/manifests")
    Path podManifestDir;

    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

    @Override
    public Integer call() throws Exception {
        String nodeName = name != null ? name : KubeletConfiguration.defaultNodeName();
        if (!nodeName.matches(DNS_SUBDOMAIN) || nodeName.length() > 253) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--name " + nodeName + ": a node name must be a lower case DNS subdomain (RFC 1123)");
        }
        Config config = KubeconfigFile.read(kubeconfig);
        if (config == null || !apiAnswers(config)) {
            return 1;
        }
        if (runtime == NodeRuntime.docker) {
            DockerEngineProbe.Result docker = DockerEngineProbe.probe();
            if (!docker.reachable()) {
                log.error("--runtime docker: the Docker engine at {} is not usable: {}", docker.endpoint(), docker.reason());
                return 1;
            }
        }
        Vertx vertx = Vertx.vertx();
        NodeAgents node;
        try {
            node = NodeAgents.start(runtime, new KubeletConfiguration(nodeName, dataDir.resolve("kubelet"),
                    podManifestDir != null ? podManifestDir : dataDir.resolve("manifests")), dataDir.resolve("images"),
                    component -> client(config, component, vertx), vertx);
        } catch (RuntimeException e) {
            log.error("node {} did not start: {}", nodeName, e.toString());
            closeClients(vertx);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: stop watching and reporting, leave the containers running for the next start to adopt
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            closeClients(vertx);
            stopped.countDown();
        }, "jk8s-node-shutdown"));
        System.out.println("jk8s node " + nodeName + " joined " + config.getMasterUrl());
        stopped.await();
        return 0;
    }

    /** One quick question before anything registers: an unreachable API is an error, not an endless retry. */
    private boolean apiAnswers(Config config) {
        Config probe = new ConfigBuilder(config)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(PROBE_TIMEOUT_MILLIS)
                .withRequestTimeout(PROBE_TIMEOUT_MILLIS)
                .build();
        Vertx vertx = Vertx.vertx();
        try (KubernetesClient client = ComponentClients.create(probe, "kubelet", vertx)) {
            String version = client.getKubernetesVersion().getGitVersion();
            log.info("API server {} answers ({})", config.getMasterUrl(), version);
            return true;
        } catch (RuntimeException e) {
            log.error("the API server {} (from {}) does not answer: {}", config.getMasterUrl(), kubeconfig, rootMessage(e));
            return false;
        } finally {
            vertx.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    private KubernetesClient client(Config config, String component, Vertx vertx) {
        KubernetesClient client = ComponentClients.create(config, component, vertx);
        clients.add(client);
        return client;
    }

    private void closeClients(Vertx vertx) {
        clients.forEach(KubernetesClient::close);
        vertx.close();
    }
}
