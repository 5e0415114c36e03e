package io.jk8s.server;

/** The container runtime under a {@code jk8s node}'s kubelet. */
enum NodeRuntime {
    /** Pods run as containers on the local Docker engine. */
    docker,
    /** No containers: pods move through the kubelet's statuses as if they ran. */
    simulated
}
