package io.jk8s.server;

import java.nio.file.Path;
import java.time.Duration;

/** What {@link Cluster} needs to start: the resolved command-line settings. */
record ClusterConfig(Path dataDir, int port, Path kubeconfig, NodeMode nodeMode, int simulatedNodes,
        Duration nodeMonitorGracePeriod, boolean controllerManager, Path podManifestDir) {}
