package io.jk8s.node.runtime;

/**
 * A container as the runtime's cheap listing shows it (CRI {@code ListContainers}, not
 * {@code ContainerStatus}): enough for a relist to notice that a pod's containers changed.
 *
 * @param sandbox whether this is the pod's sandbox rather than one of its containers
 */
public record ContainerSummary(String id, String podUid, boolean sandbox, ContainerStatus.State state) {}
