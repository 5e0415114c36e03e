package io.jk8s.node.runtime;

import java.time.Instant;

/**
 * A container as the runtime last saw it (CRI {@code ContainerStatus}). Times are null until they
 * happen; {@code exitCode} means something only when {@code state} is EXITED.
 *
 * @param reason for an exited container, Kubernetes' terminated reason: Completed, Error or OOMKilled
 */
public record ContainerStatus(String id, String sandboxId, String podName, String namespace, String podUid,
                              String name, int attempt, State state, int exitCode, String reason,
                              String message, String image, String imageId, Instant createdAt,
                              Instant startedAt, Instant finishedAt) {

    /** CRI's {@code ContainerState}. */
    public enum State { CREATED, RUNNING, EXITED, UNKNOWN }
}
