package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.jk8s.reconcilers.ControllerManagerConfiguration;
import io.jk8s.reconcilers.LeaderElectedControllerManager;
import io.jk8s.reconcilers.certificates.ClusterSigning;
import io.jk8s.reconcilers.leaderelection.LeaderElection;
import io.jk8s.reconcilers.LeaderElectedControllerManager.OnLostLease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

    @Option(names = "--cluster-signing-cert-file", paramLabel = "FILE",
            description = "PEM CA certificate the csrsigning controller issues certificates with (e.g. the server's "
                    + "<data-dir>/pki/ca.crt); without it and --cluster-signing-key-file, approved CSRs are not signed")
    Path clusterSigningCertFile;

    @Option(names = "--cluster-signing-key-file", paramLabel = "FILE",
            description = "PEM private key of --cluster-signing-cert-file (e.g. <data-dir>/pki/ca.key)")
    Path clusterSigningKeyFile;

    @Option(names = "--service-account-private-key-file", paramLabel = "FILE",
            description = "The API server's service-account signing key (its <data-dir>/pki/sa.key), with which the tokens "
                    + "controller fills in kubernetes.io/service-account-token Secrets; without it that controller is off")
    Path serviceAccountPrivateKeyFile;

    @Option(names = "--root-ca-file", paramLabel = "FILE",
            description = "PEM CA bundle the tokens controller puts into service-account-token Secrets as ca.crt "
                    + "(e.g. <data-dir>/pki/ca.crt)")
    Path rootCaFile;

    @Override
    public Integer call() throws Exception {
        Config config = KubeconfigFile.read(kubeconfig);
        if (config == null) {
            return 1;
        }
        if ((clusterSigningCertFile == null) != (clusterSigningKeyFile == null)) {
            log.error("--cluster-signing-cert-file and --cluster-signing-key-file go together");
            return 1;
        }
        for (Path file : new Path[] {serviceAccountPrivateKeyFile, rootCaFile}) {
            if (file != null && !Files.isReadable(file)) {
                log.error("{} cannot be read", file);
                return 1;
            }
        }
        Optional<ClusterSigning> signing = clusterSigningCertFile == null ? Optional.empty()
                : Optional.of(new ClusterSigning(clusterSigningCertFile, clusterSigningKeyFile));
        Vertx vertx = Vertx.vertx();
        KubernetesClient client = ComponentClients.controllerManager(config, vertx);
        // kube-controller-manager exits when it loses the Lease; its supervisor starts a clean standby
        LeaderElectedControllerManager controllers = LeaderElectedControllerManager.start(client, LeaderElection.identity(),
                new ControllerManagerConfiguration(Duration.ofSeconds(nodeMonitorGracePeriodSeconds), signing,
                        Optional.ofNullable(serviceAccountPrivateKeyFile), Optional.ofNullable(rootCaFile)), OnLostLease.EXIT);
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
