package io.jk8s.node.kubelet;

/**
 * A volume that cannot be set up yet (its ConfigMap or Secret does not exist): kubelet keeps the
 * pod's containers in ContainerCreating and retries, as it does after a FailedMount.
 */
final class VolumeNotReadyException extends RuntimeException {

    VolumeNotReadyException(String message) {
        super(message);
    }
}
