package io.jk8s.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link Cluster} needs to start: the resolved command-line settings.
 *
 * @param securePort the HTTPS port, 0 for a free one, null for none
 */
record ClusterConfig(Path dataDir, int port, Integer securePort, Path kubeconfig, NodeMode nodeMode, int simulatedNodes,
        Duration nodeMonitorGracePeriod, boolean controllerManager, Path podManifestDir) {

    /** kubeadm's name for the administrator's kubeconfig of the HTTPS port. */
    Path secureKubeconfig() {
        return dataDir.resolve("admin.conf");
    }
}
