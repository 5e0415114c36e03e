package io.jk8s.node.kubelet;

import io.jk8s.node.runtime.ContainerStatus;

/**
 * What the pod worker found (and did) for one container of the spec in this sync: its current
 * runtime container, the previous attempt (kubelet's lastState), and why it waits if it does.
 *
 * @param current      the latest attempt in the runtime, or null if none exists yet
 * @param previous     the attempt before it, reported as lastState
 * @param waitingReason set when the container is not running now: ContainerCreating, PodInitializing,
 *                     CrashLoopBackOff, ErrImageNeverPull, ErrImagePull, CreateContainerError
 * @param restartCount kubelet's restart count: the attempt number of the latest container
 */
record ContainerView(String name, String image, ContainerStatus current, ContainerStatus previous,
                     String waitingReason, String waitingMessage, int restartCount) {

    static ContainerView waiting(String name, String image, String reason, String message) {
        return new ContainerView(name, image, null, null, reason, message, 0);
    }

    boolean running() {
        return waitingReason == null && current != null && current.state() == ContainerStatus.State.RUNNING;
    }

    boolean terminated() {
        return waitingReason == null && current != null && current.state() == ContainerStatus.State.EXITED;
    }

    boolean succeeded() {
        return terminated() && current.exitCode() == 0;
    }
}
