package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.jk8s.node.kubelet.prober.Prober;
import io.jk8s.node.runtime.ContainerRuntime;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle hooks and the kill that honours them, as kubelet's {@code pkg/kubelet/lifecycle} handler
 * runner and kuberuntime's {@code killContainer}: postStart runs right after the start (a failure
 * kills the container, which then restarts as its policy says), preStop runs before the stop signal
 * and uses up part of the grace period. exec and httpGet use the prober's actions; sleep just waits.
 */
final class ContainerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContainerLifecycle.class);
    /** A hook with no deadline of its own is cut off after this (kubelet bounds postStart by nothing; jk8s by this). */
    private static final Duration POST_START_LIMIT = Duration.ofMinutes(2);

    private final ContainerRuntime runtime;
    private final Prober prober;

    ContainerLifecycle(ContainerRuntime runtime) {
        this.runtime = runtime;
        this.prober = new Prober(runtime);
    }

    /** Runs the postStart hook; if it fails the container is killed and false returned. */
    boolean postStart(Pod pod, Container c, String containerId, String podIp) {
        LifecycleHandler hook = c.getLifecycle() == null ? null : c.getLifecycle().getPostStart();
        if (hook == null) {
            return true;
        }
        String error = run(hook, c, containerId, podIp, POST_START_LIMIT);
        if (error == null) {
            return true;
        }
        log.info("FailedPostStartHook: container {} of pod {}/{}: {}", c.getName(), pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), error);
        runtime.stopContainer(containerId, Duration.ofSeconds(grace(pod)));
        return false;
    }

    /** Stops a container: its preStop hook first (if the spec is known), then the signal with the grace left. */
    void kill(Container spec, String containerId, String podIp, Duration grace) {
        Instant deadline = Instant.now().plus(grace);
        LifecycleHandler hook = spec == null || spec.getLifecycle() == null ? null : spec.getLifecycle().getPreStop();
        if (hook != null) {
            String error = run(hook, spec, containerId, podIp, grace);
            if (error != null) {
                log.info("FailedPreStopHook: container {}: {}", spec.getName(), error);
            }
        }
        Duration left = Duration.between(Instant.now(), deadline);
        // kubelet gives at least 2 s after a preStop hook that used up the grace period (minimumGracePeriodInSeconds)
        runtime.stopContainer(containerId, hook != null && left.toSeconds() < 2 ? Duration.ofSeconds(2)
                : left.isNegative() ? Duration.ZERO : left);
    }

    /** null on success, else why the hook failed. */
    private String run(LifecycleHandler hook, Container c, String containerId, String podIp, Duration timeout) {
        if (hook.getExec() != null) {
            Prober.Result r = prober.exec(containerId, hook.getExec(), timeout);
            return r.success() ? null : r.output();
        }
        if (hook.getHttpGet() != null) {
            Prober.Result r = prober.httpGet(hook.getHttpGet(), c, podIp, timeout);
            return r.success() ? null : r.output();
        }
        if (hook.getSleep() != null && hook.getSleep().getSeconds() != null) {
            try {
                Thread.sleep(Math.min(hook.getSleep().getSeconds() * 1000, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        return hook.getTcpSocket() != null ? null : "unknown lifecycle handler";
    }

    static long grace(Pod pod) {
        Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        return seconds == null ? 30 : seconds;
    }
}
