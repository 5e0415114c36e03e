package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.jk8s.reconcilers.LeaderElectedControllerManager;
import io.jk8s.reconcilers.leaderelection.LeaderElection;
import io.jk8s.reconcilers.LeaderElectedControllerManager.OnLostLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jk8s controller-manager}: the controllers and scheduler as a separate process, a pure API
 * client of the server its kubeconfig names, as kube-controller-manager runs. Several may run;
 * the holder of the Lease kube-system/kube-controller-manager acts, the others stand by.
 */
@Command(name = "controller-manager", mixinStandardHelpOptions = true,
        description = "Run the controllers and scheduler against an API server, with leader election.")
final class ControllerManagerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ControllerManagerCommand.class);

    @Option(names = "--kubeconfig", paramLabel = "FILE", required = true,
            description = "kubeconfig naming the API server (e.g. the one 'jk8s server' writes)")
    Path kubeconfig;

    @Option(names = "--node-monitor-grace-period", paramLabel = "SECONDS",
            description = "Seconds a node's Lease may go unrenewed before the node is marked unreachable. Default: ${DEFAULT-VALUE}")
    int nodeMonitorGracePeriodSeconds = 40;

    @Option(names = "--service-account-private-key-file", paramLabel = "FILE",
            description = "The API server's service-account signing key (its <data-dir>/pki/sa.key), with which the tokens "
                    + "controller fills in kubernetes.io/service-account-token Secrets; without it that controller is off")
    Path serviceAccountPrivateKeyFile;

    @Override
    public Integer call() throws Exception {
        Config config = KubeconfigFile.read(kubeconfig);
        if (config == null) {
            return 1;
        }
        if (serviceAccountPrivateKeyFile != null && !Files.isReadable(serviceAccountPrivateKeyFile)) {
            log.error("--service-account-private-key-file {} cannot be read", serviceAccountPrivateKeyFile);
            return 1;
        }
        Vertx vertx = Vertx.vertx();
        KubernetesClient client = ComponentClients.create(config, "kube-controller-manager", vertx);
        // kube-controller-manager exits when it loses the Lease; its supervisor starts a clean standby
        LeaderElectedControllerManager controllers = LeaderElectedControllerManager.start(client, LeaderElection.identity(),
                Duration.ofSeconds(nodeMonitorGracePeriodSeconds), serviceAccountPrivateKeyFile, OnLostLease.EXIT);
        log.info("controller-manager {} started against {}", controllers.identity(), config.getMasterUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            controllers.close();
            client.close();
            vertx.close();
            stopped.countDown();
        }, "jk8s-shutdown"));
        stopped.await();
        return 0;
    }
}
