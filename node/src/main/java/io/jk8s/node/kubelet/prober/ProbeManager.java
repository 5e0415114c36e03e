package io.jk8s.node.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.jk8s.node.runtime.ContainerRuntime;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * kubelet's probe manager ({@code pkg/kubelet/prober/prober_manager.go}): one {@link ProbeWorker}
 * per running container and probe, started and stopped as the pod worker finds containers, and the
 * latest results by container id. Readiness feeds the container's {@code ready} and the pod's
 * Ready/ContainersReady conditions; a failed liveness or startup probe asks the pod worker to kill
 * the container, which then restarts as the restart policy and the crash-loop back-off say.
 */
public final class ProbeManager implements ProbeResults, AutoCloseable {

    enum Result {
        SUCCESS, FAILURE, UNKNOWN;

        static Result of(Boolean value) {
            return value == null ? UNKNOWN : value ? SUCCESS : FAILURE;
        }
    }

    /** A running container of a pod: the spec it was started from, its runtime id and start time. */
    public record Target(Container spec, String containerId, Instant startedAt) {}

    private final Prober prober;
    private final Consumer<String> onChange;
    private final ProbeEvents events;
    private final Map<String, ProbeWorker> workers = new ConcurrentHashMap<>();
    private final Map<ProbeType, Map<String, Result>> results = new EnumMap<>(ProbeType.class);
    private final ScheduledExecutorService tickers = Executors.newSingleThreadScheduledExecutor(daemon("kubelet-probe-ticker"));
    private final ExecutorService probes = Executors.newCachedThreadPool(daemon("kubelet-prober"));

    /** @param onChange called with the pod's key (namespace/name) when a result changes, to resync it */
    public ProbeManager(ContainerRuntime runtime, Consumer<String> onChange) {
        this(runtime, onChange, ProbeEvents.NONE);
    }

    public ProbeManager(ContainerRuntime runtime, Consumer<String> onChange, ProbeEvents events) {
        this.prober = new Prober(runtime);
        this.onChange = onChange;
        this.events = events;
        for (ProbeType type : ProbeType.values()) {
            results.put(type, new ConcurrentHashMap<>());
        }
    }

    /** After a sync of the pod: workers for its running containers' probes, none for anything else. */
    public void sync(String podKey, Pod pod, String podIp, List<Target> running) {
        String uid = pod.getMetadata().getUid();
        Set<String> wanted = new HashSet<>();
        for (Target t : running) {
            for (ProbeType type : ProbeType.values()) {
                Probe probe = type.of(t.spec());
                if (probe == null) {
                    continue;
                }
                String key = uid + "/" + t.spec().getName() + "/" + type;
                wanted.add(key);
                ProbeWorker worker = workers.computeIfAbsent(key, k -> {
                    ProbeWorker w = new ProbeWorker(this, podKey, uid, type);
                    long period = ProbeWorker.period(probe).toMillis();
                    w.ticker(tickers.scheduleAtFixedRate(() -> probes.execute(w::tick), 0, period, TimeUnit.MILLISECONDS));
                    return w;
                });
                worker.update(pod, t.spec(), t.containerId(), t.startedAt(), podIp);
            }
        }
        workers.entrySet().removeIf(e -> {
            boolean stale = e.getValue().podUid.equals(uid) && !wanted.contains(e.getKey());
            if (stale) {
                e.getValue().stop();
            }
            return stale;
        });
    }

    public void forgetPod(String podUid) {
        workers.entrySet().removeIf(e -> {
            boolean ofPod = e.getValue().podUid.equals(podUid);
            if (ofPod) {
                e.getValue().stop();
            }
            return ofPod;
        });
    }

    @Override
    public boolean ready(String containerId) {
        return results.get(ProbeType.READINESS).getOrDefault(containerId, Result.SUCCESS) == Result.SUCCESS;
    }

    @Override
    public boolean started(String containerId) {
        return results.get(ProbeType.STARTUP).getOrDefault(containerId, Result.SUCCESS) == Result.SUCCESS;
    }

    /** A failed liveness or startup probe: kubelet kills the container ("failed liveness probe, will be restarted"). */
    public boolean mustRestart(String containerId) {
        return failedProbe(containerId) != null;
    }

    /** The probe whose failure kills the container, "liveness" or "startup", or null when none failed. */
    public String failedProbe(String containerId) {
        for (ProbeType type : List.of(ProbeType.LIVENESS, ProbeType.STARTUP)) {
            if (results.get(type).get(containerId) == Result.FAILURE) {
                return type.label().toLowerCase();
            }
        }
        return null;
    }

    ProbeEvents events() {
        return events;
    }

    Map<String, Result> results(ProbeType type) {
        return results.get(type);
    }

    void changed(String podKey) {
        onChange.accept(podKey);
    }

    Prober.Result run(Probe probe, Container c, String containerId, String podIp) {
        if (probe.getExec() != null) {
            return prober.exec(containerId, probe.getExec(), ProbeWorker.timeout(probe));
        }
        if (probe.getHttpGet() != null) {
            return prober.httpGet(probe.getHttpGet(), c, podIp, ProbeWorker.timeout(probe));
        }
        if (probe.getTcpSocket() != null) {
            return prober.tcpSocket(probe.getTcpSocket(), c, podIp, ProbeWorker.timeout(probe));
        }
        return new Prober.Result(false, "jk8s supports exec, httpGet and tcpSocket probes, not grpc");
    }

    @Override
    public void close() {
        tickers.shutdownNow();
        probes.shutdownNow();
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
