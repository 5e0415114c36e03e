package io.jk8s.node.runtime;

import java.time.Instant;

/** A pod's sandbox as the runtime sees it (CRI {@code PodSandbox} plus its IP from the status). */
public record PodSandbox(String id, String podName, String namespace, String podUid, int attempt,
                         boolean ready, String ip, Instant createdAt) {}
