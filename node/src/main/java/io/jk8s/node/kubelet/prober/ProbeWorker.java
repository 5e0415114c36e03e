package io.jk8s.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one container with one of its probes every periodSeconds, as kubelet's
 * {@code prober/worker.go}: nothing before initialDelaySeconds or before the startup probe passed,
 * a result changes only after successThreshold/failureThreshold equal outcomes in a row, and a
 * failed liveness or startup probe holds until the container is replaced.
 */
final class ProbeWorker {

    private static final Logger log = LoggerFactory.getLogger(ProbeWorker.class);

    final String podKey;
    final String podUid;
    final ProbeType type;
    private final ProbeManager manager;
    private final AtomicBoolean busy = new AtomicBoolean();
    private ScheduledFuture<?> ticker;

    // guarded by this
    private Pod pod;
    private Container spec;
    private String containerId;
    private Instant startedAt;
    private String podIp;
    private Boolean lastResult;
    private int resultRun;
    private boolean onHold;

    ProbeWorker(ProbeManager manager, String podKey, String podUid, ProbeType type) {
        this.manager = manager;
        this.podKey = podKey;
        this.podUid = podUid;
        this.type = type;
    }

    void ticker(ScheduledFuture<?> ticker) {
        this.ticker = ticker;
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        String id = containerId();
        if (id != null) {
            manager.results(type).remove(id);
        }
    }

    static Duration period(Probe probe) {
        return Duration.ofSeconds(positive(probe.getPeriodSeconds(), 10));
    }

    /** Points the worker at the container's current attempt; a new container starts from the initial result. */
    synchronized void update(Pod pod, Container spec, String containerId, Instant startedAt, String podIp) {
        this.pod = pod;
        this.spec = spec;
        this.startedAt = startedAt;
        this.podIp = podIp;
        if (!containerId.equals(this.containerId)) {
            if (this.containerId != null) {
                manager.results(type).remove(this.containerId);
            }
            this.containerId = containerId;
            lastResult = null;
            resultRun = 0;
            onHold = false;
            manager.results(type).put(containerId, ProbeManager.Result.of(type.initial));
        }
    }

    synchronized String containerId() {
        return containerId;
    }

    /** One tick: skipped while the previous probe still runs (a slow exec must not pile up). */
    void tick() {
        if (busy.compareAndSet(false, true)) {
            try {
                doProbe();
            } catch (RuntimeException e) {
                log.warn("{} probe of {}: {}", type.label(), podKey, e.toString());
            } finally {
                busy.set(false);
            }
        }
    }

    private void doProbe() {
        Pod p;
        Container c;
        String id;
        String ip;
        synchronized (this) {
            if (onHold || containerId == null) {
                return;
            }
            p = pod;
            c = spec;
            id = containerId;
            ip = podIp;
            Probe probe = type.of(c);
            if (type != ProbeType.STARTUP && c.getStartupProbe() != null && !manager.started(id)) {
                return; // liveness and readiness wait for the startup probe
            }
            if (type == ProbeType.STARTUP && manager.results(type).get(id) == ProbeManager.Result.SUCCESS) {
                return; // started once is started for this container
            }
            if (startedAt != null && Instant.now().isBefore(startedAt.plusSeconds(positive(probe.getInitialDelaySeconds(), 0)))) {
                return;
            }
        }
        Probe probe = type.of(c);
        Prober.Result outcome = manager.run(probe, c, id, ip);
        synchronized (this) {
            if (!id.equals(containerId)) {
                return; // replaced while probing
            }
            if (lastResult != null && lastResult == outcome.success()) {
                resultRun++;
            } else {
                lastResult = outcome.success();
                resultRun = 1;
            }
            if (!outcome.success()) {
                log.info("{} probe failed for container {} of pod {}: {}", type.label(), c.getName(), podKey, outcome.output());
                manager.events().unhealthy(p, c, type.label(), outcome.output());
            }
            int threshold = outcome.success() ? positive(probe.getSuccessThreshold(), 1) : positive(probe.getFailureThreshold(), 3);
            if (resultRun < threshold) {
                return;
            }
            if (!outcome.success() && type != ProbeType.READINESS) {
                // the container is about to be killed: do not probe it again meanwhile
                onHold = true;
                resultRun = 0;
            }
        }
        ProbeManager.Result result = outcome.success() ? ProbeManager.Result.SUCCESS : ProbeManager.Result.FAILURE;
        if (manager.results(type).put(id, result) != result) {
            manager.changed(podKey);
        }
    }

    private static int positive(Integer value, int defaultValue) {
        return value == null || value <= 0 ? defaultValue : value;
    }

    static Duration timeout(Probe probe) {
        return Duration.ofSeconds(positive(probe.getTimeoutSeconds(), 1));
    }
}
