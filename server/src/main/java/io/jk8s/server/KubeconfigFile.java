package io.jk8s.server;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kubeconfig a component joins the cluster with ({@code jk8s node}, {@code jk8s controller-manager}). */
final class KubeconfigFile {

    private static final Logger log = LoggerFactory.getLogger(KubeconfigFile.class);

    private KubeconfigFile() {}

    /** The client configuration {@code kubeconfig} names, or null once it has said in one line why there is none. */
    static Config read(Path kubeconfig) {
        if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
            log.error("--kubeconfig {}: no such readable file", kubeconfig);
            return null;
        }
        try {
            Config config = Config.fromKubeconfig(kubeconfig.toFile());
            if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
                log.error("--kubeconfig {}: its current context names no server", kubeconfig);
                return null;
            }
            return config;
        } catch (RuntimeException e) {
            log.error("--kubeconfig {}: not a usable kubeconfig: {}", kubeconfig, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return null;
        }
    }
}
