package io.jk8s.reconcilers;

import io.jk8s.reconcilers.certificates.ClusterSigning;
import java.time.Duration;
import java.util.Optional;

/**
 * What the controllers are told beyond the API server's address (kube-controller-manager's flags).
 *
 * @param nodeMonitorGracePeriod how long a node's Lease may go unrenewed before it is unreachable (kube: 40 s)
 * @param clusterSigning         the CA for the csrsigning controller, which runs only when there is one (as in kube)
 */
public record ControllerManagerConfiguration(Duration nodeMonitorGracePeriod, Optional<ClusterSigning> clusterSigning) {}
