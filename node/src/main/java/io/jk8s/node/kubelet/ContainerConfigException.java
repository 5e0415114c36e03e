package io.jk8s.node.kubelet;

/**
 * A container that cannot be configured from what the API holds now (a missing ConfigMap, Secret or
 * key): kubelet reports it as waiting with reason {@code CreateContainerConfigError} and this message,
 * and tries again on the next sync.
 */
final class ContainerConfigException extends RuntimeException {

    ContainerConfigException(String message) {
        super(message);
    }
}
