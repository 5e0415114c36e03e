package io.jk8s.server;

/** Which node runtime the all-in-one server runs beside the control plane. */
enum NodeMode {
    /** One node whose pods run as containers on the local Docker engine. */
    docker,
    /** N nodes that run no containers but move pods through the kubelet's statuses. */
    simulated,
    /** Control plane only; nodes join with {@code jk8s node}. */
    none
}
