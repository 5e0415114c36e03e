package io.jk8s.reconcilers.certificates;

import java.nio.file.Path;
import java.time.Duration;

/**
 * kube-controller-manager's --cluster-signing-cert-file, --cluster-signing-key-file and
 * --cluster-signing-duration: the CA the csrsigning controller signs with (for all the
 * kubernetes.io signers it serves) and the longest certificate it issues.
 */
public record ClusterSigning(Path certFile, Path keyFile, Duration duration) {

    /** kube's --cluster-signing-duration default: one year. */
    public static final Duration DEFAULT_DURATION = Duration.ofHours(8760);

    public ClusterSigning(Path certFile, Path keyFile) {
        this(certFile, keyFile, DEFAULT_DURATION);
    }
}
