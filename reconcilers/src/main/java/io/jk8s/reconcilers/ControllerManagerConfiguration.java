package io.jk8s.reconcilers;

import io.jk8s.reconcilers.certificates.ClusterSigning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the controllers are told beyond the API server's address (kube-controller-manager's flags).
 *
 * @param nodeMonitorGracePeriod how long a node's Lease may go unrenewed before it is unreachable (kube: 40 s)
 * @param clusterSigning         the CA for the csrsigning controller, which runs only when there is one (as in kube)
 * @param serviceAccountPrivateKeyFile the API server's service-account signing key (--service-account-private-key-file),
 *                               with which the tokens controller fills in token Secrets; it runs only when there is one
 * @param rootCaFile             the CA bundle the tokens controller puts into token Secrets as ca.crt (--root-ca-file)
 */
public record ControllerManagerConfiguration(Duration nodeMonitorGracePeriod, Optional<ClusterSigning> clusterSigning,
                                             Optional<Path> serviceAccountPrivateKeyFile, Optional<Path> rootCaFile) {

    public ControllerManagerConfiguration(Duration nodeMonitorGracePeriod, Optional<ClusterSigning> clusterSigning) {
        this(nodeMonitorGracePeriod, clusterSigning, Optional.empty(), Optional.empty());
    }
}
