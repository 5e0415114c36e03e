package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.component.events.EventSink;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.jk8s.node.kubelet.prober.ProbeManager;
import io.jk8s.node.kubelet.server.KubeletServer;
import io.vertx.core.Vertx;
import io.jk8s.node.runtime.ContainerRuntime;
import io.jk8s.node.runtime.ContainerSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kubelet on a container runtime: registers this machine as a Node, renews its Lease, watches the
 * pods bound to it ({@code spec.nodeName} field selector) and runs each through a {@link PodWorker},
 * one sync at a time per pod. A relist every second (kubelet's PLEG) syncs the pods whose containers
 * changed, those still waiting for something (back-off, creation) and each pod every
 * {@link PodLifecycleEvents#RESYNC}, and removes the containers of pods that are gone. State lives
 * in the runtime (labels), the API and the pod directories only, so a restarted kubelet adopts the
 * running containers of pods still wanted and, once the API and the manifests are read, kills those
 * of pods that went while it was down (kubelet's HandlePodCleanups).
 * Static pods from a manifest directory ({@link StaticPodFileSource}) run beside the API's pods,
 * each shown in the API by a mirror pod ({@link MirrorClient}) that receives its status.
 */
public final class DockerKubelet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DockerKubelet.class);
    private static final long RELIST_MILLIS = 1000;
    private static final long LEASE_RENEW_SECONDS = 10;
    private static final long STATUS_REPORT_SECONDS = 60;
    /**
     * Grace for the containers of a pod no source wants any more (force-deleted, or gone while the kubelet
     * was down): nothing waits for it. kubelet's HandlePodCleanups asks for 1 s, which its runtime's
     * minimumGracePeriodInSeconds raises to 2.
     */
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(2);
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private final KubernetesClient client;
    private final ContainerRuntime runtime;
    private final NodeRegistration registration;
    private final Clock clock = Clock.systemUTC();
    private final CrashLoopBackOff backOff = new CrashLoopBackOff();
    private final PodWorker worker;
    private final PodKiller killer;
    private final PodStatusManager statusManager;
    private final ProbeManager probes;
    private final PodVolumes volumes;
    private final PodLifecycleEvents events = new PodLifecycleEvents();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("kubelet-pod-worker"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("kubelet-timers"));
    /** Keys with a sync running, and keys that need one more: at most one sync per pod at a time. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();
    /**
     * Pod uids this kubelet has run: those it synced, and at start those with a pod directory left by
     * the previous run. Only their containers are ever garbage-collected, because the engine may be
     * shared with other jk8s processes (and their tests) whose pods we never saw.
     */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final StaticPodFileSource staticPods;
    private final MirrorClient mirrors;
    private final EventSink eventSink;
    private final ContainerEvents containerEvents;
    private final NodeEvents nodeEvents;
    private SharedIndexInformer<Pod> pods;
    /** kubelet's service lister, for the service environment variables; synced before any container is made. */
    private final SharedIndexInformer<Service> services;
    private KubeletServer server;
    private InformerHost host;

    private DockerKubelet(KubernetesClient client, ContainerRuntime runtime, NodeRegistration registration, KubeletConfiguration config) {
        this.client = client;
        this.runtime = runtime;
        this.registration = registration;
        ConfigSources sources = new ConfigSources(client);
        DownwardApi downward = new DownwardApi(registration.capacity());
        this.services = client.services().inAnyNamespace().inform();
        this.volumes = new PodVolumes(config.rootDir().resolve("pods"), new VolumePayloads(sources, downward));
        this.eventSink = new EventSink(client, clock);
        EventRecorder recorder = eventSink.recorder("kubelet", registration.name());
        this.containerEvents = new ContainerEvents(recorder, clock);
        this.nodeEvents = new NodeEvents(recorder, registration.name());
        this.probes = new ProbeManager(runtime, this::enqueue, containerEvents);
        ContainerLifecycle lifecycle = new ContainerLifecycle(runtime);
        this.worker = new PodWorker(runtime, volumes, backOff,
                new ContainerConfigGenerator(new EnvironmentResolver(sources, downward, new ServiceLinks(services.getStore()::list)), registration.internalIp()),
                lifecycle, clock, probes::failedProbe, containerEvents);
        this.killer = new PodKiller(runtime, volumes, workers, lifecycle, containerEvents);
        this.statusManager = new PodStatusManager(client);
        this.mirrors = new MirrorClient(client, statusManager, registration.name(), timers, this::enqueue);
        this.staticPods = config.staticPodPath() == null ? null
                : new StaticPodFileSource(config.staticPodPath(), registration.name(), clock, client.getKubernetesSerialization());
    }

    /**
     * A kubelet for {@code config.nodeName()} with, if configured, static pods from a manifest directory.
     * With {@code vertx} it also serves the kubelet's streaming endpoints (logs, exec, attach,
     * port-forward) and reports their port in the Node's daemonEndpoints.
     */
    public static DockerKubelet start(KubernetesClient client, ContainerRuntime runtime, KubeletConfiguration config, Vertx vertx) {
        // pods are reached on the Docker network from this host, so loopback is the honest address
        NodeRegistration registration = MachineInfo.registration(config.nodeName(), runtime.version(), "127.0.0.1");
        InformerHost host = new InformerHost();
        KubeletServer server = null;
        if (vertx != null) {
            server = KubeletServer.start(vertx, runtime, host, config.rootDir(), registration.name());
            registration = registration.withKubeletPort(server.port());
        }
        DockerKubelet kubelet = new DockerKubelet(client, runtime, registration, config);
        kubelet.server = server;
        kubelet.host = host;
        kubelet.run();
        return kubelet;
    }


    public String nodeName() {
        return registration.name();
    }

    private void run() {
        nodeEvents.starting();
        NodeHeartbeat heartbeat = new NodeHeartbeat(client, registration, clock, nodeEvents);
        Node node = heartbeat.register();
        heartbeat.renewLease(node);
        timers.scheduleAtFixedRate(() -> quietly("lease", () -> heartbeat.renewLease(node)),
                LEASE_RENEW_SECONDS, LEASE_RENEW_SECONDS, TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(() -> quietly("node status", heartbeat::reportStatus),
                STATUS_REPORT_SECONDS, STATUS_REPORT_SECONDS, TimeUnit.SECONDS);
        // assigned before it runs: its first events already sync pods through this field
        pods = client.pods().inAnyNamespace().withField("spec.nodeName", registration.name()).runnableInformer(0);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueue(Cache.metaNamespaceKeyFunc(pod));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (PodChanges.matter(old, pod)) {
                    enqueue(Cache.metaNamespaceKeyFunc(pod));
                }
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                // deleted without a graceful phase we could act on (grace 0, or an API without
                // graceful deletion): stop what is left with the pod's own grace period
                String uid = pod.getMetadata().getUid();
                if (seen.contains(uid)) {
                    removeLeftovers(uid, gracePeriod(pod));
                }
                String key = Cache.metaNamespaceKeyFunc(pod);
                if (staticPod(key) != null) {
                    enqueue(key); // a force-deleted mirror pod: create it again
                }
            }
        });
        if (staticPods != null) {
            // read before the informer runs: a mirror pod is only orphaned once the manifests are known
            staticPods.start(new StaticPodFileSource.Listener() {
                @Override
                public void added(Pod pod) {
                    enqueue(Cache.metaNamespaceKeyFunc(pod));
                }

                @Override
                public void removed(Pod pod) {
                    // kubelet kills a removed static pod with its grace period; the sync then deletes its mirror
                    removeLeftovers(pod.getMetadata().getUid(), gracePeriod(pod));
                    enqueue(Cache.metaNamespaceKeyFunc(pod));
                }
            });
        }
        pods.run();
        Set<String> before = volumes.podsOnDisk();
        seen.addAll(before);
        log.info("kubelet: {} pod(s) from before this start on disk; those no longer wanted are stopped once the sources are read",
                before.size());
        if (host != null) {
            host.use(pods, this::staticPod);
        }
        timers.scheduleWithFixedDelay(() -> quietly("relist", this::relist), RELIST_MILLIS, RELIST_MILLIS, TimeUnit.MILLISECONDS);
        log.info("kubelet registered node {} ({})", registration.name(), registration.containerRuntimeVersion());
    }

    private void enqueue(String key) {
        again.add(key);
        if (active.add(key)) {
            workers.execute(() -> drain(key));
        }
    }

    private void drain(String key) {
        do {
            while (again.remove(key)) {
                quietly("sync " + key, () -> sync(key));
            }
            active.remove(key);
        } while (again.contains(key) && active.add(key));
    }

    private Pod staticPod(String key) {
        return staticPods == null ? null : staticPods.get(key);
    }

    private void sync(String key) {
        Pod staticPod = staticPod(key);
        Pod apiPod = pods.getStore().getByKey(key);
        Pod mirror = apiPod != null && MirrorClient.isMirrorPod(apiPod) ? apiPod : null;
        if (staticPod == null && mirror != null) {
            if (staticPods != null && !staticPods.ready()) {
                return; // not orphaned before the manifests were read: the relist comes back to it
            }
            mirrors.deleteOrphan(mirror);
            events.forget(key);
            return;
        }
        Pod pod = staticPod != null ? staticPod : apiPod;
        if (pod == null) {
            events.forget(key);
            return; // gone from the API: the relist removes what it left behind
        }
        Pod statusTarget = apiPod;
        if (staticPod != null) {
            // the static pod runs from its manifest whatever the API holds; its status goes to a current mirror
            quietly("mirror pod " + key, () -> mirrors.reconcile(key, staticPod, mirror));
            boolean current = mirror != null && mirror.getMetadata().getDeletionTimestamp() == null
                    && MirrorClient.isMirrorPodOf(mirror, staticPod);
            statusTarget = current ? mirror : null;
        }
        long started = System.nanoTime();
        boolean settled = false;
        try {
            settled = syncPod(key, pod, statusTarget);
        } finally {
            // a failed sync counts as unsettled, so the next relist retries it
            events.synced(key, settled, started);
        }
    }

    /**
     * One sync of a pod; returns whether nothing in it waits any more. {@code statusTarget} is the API
     * object whose status the kubelet reports: the pod itself, a static pod's mirror, or null (no mirror yet).
     */
    private boolean syncPod(String key, Pod pod, Pod statusTarget) {
        String uid = pod.getMetadata().getUid();
        seen.add(uid);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            killer.kill(pod, gracePeriod(pod));
            backOff.forgetPod(uid);
            probes.forgetPod(uid);
            containerEvents.forgetPod(uid);
            statusManager.confirmDeletion(pod);
            return false;
        }
        volumes.makePodDir(uid);
        Pod reported = statusTarget == null || statusTarget == pod ? pod
                : new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(), statusTarget.getStatus());
        String phase = reported.getStatus() == null ? null : reported.getStatus().getPhase();
        boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
        PodWorker.Result found = worker.sync(pod, terminal);
        probes.sync(key, pod, found.sandbox() == null ? null : found.sandbox().ip(), terminal ? List.of() : found.running(pod));
        if (terminal) {
            // kubelet tears down a finished pod's sandbox; its exited containers stay for logs
            if (found.sandbox() != null) {
                runtime.stopPodSandbox(found.sandbox().id());
            }
            return true;
        }
        volumes.refresh(pod);
        if (statusTarget != null) {
            statusManager.setStatus(statusTarget, PodStatusGenerator.generate(reported, found.sandbox(), found.init(), found.app(),
                    found.ephemeral(), registration.internalIp(), clock.instant(), probes));
        }
        return found.settled();
    }

    private static Duration gracePeriod(Pod pod) {
        Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (seconds == null) {
            seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return Duration.ofSeconds(seconds == null ? DEFAULT_GRACE_SECONDS : seconds);
    }

    /** kubelet's PLEG relist plus its housekeeping: sync the pods that need it, collect what deleted pods left. */
    private void relist() {
        // taken first: a pod synced for the first time after the desired set below was read is not in it
        Set<String> ran = Set.copyOf(seen);
        List<ContainerSummary> all = runtime.listSummaries();
        Set<String> changed = events.changed(all);
        long now = System.nanoTime();
        Map<String, Pod> byUid = new HashMap<>();
        List<Pod> desired = new ArrayList<>(staticPods == null ? List.of() : staticPods.pods());
        for (Pod pod : pods.getStore().list()) {
            String key = Cache.metaNamespaceKeyFunc(pod);
            if (MirrorClient.isMirrorPod(pod)) {
                // runs nothing itself; one being deleted, or whose static pod is gone, needs the sync's attention
                if (pod.getMetadata().getDeletionTimestamp() != null || staticPod(key) == null) {
                    enqueue(key);
                }
            } else if (staticPod(key) == null) {
                desired.add(pod);
            }
        }
        for (Pod pod : desired) {
            byUid.put(pod.getMetadata().getUid(), pod);
            String key = Cache.metaNamespaceKeyFunc(pod);
            if (changed.contains(pod.getMetadata().getUid()) || pod.getMetadata().getDeletionTimestamp() != null
                    || events.due(key, now)) {
                enqueue(key);
            }
        }
        if (sourcesReady()) {
            // kubelet's housekeeping: what this kubelet ran and no source wants goes, containers and directory
            Set<String> orphans = new HashSet<>(ran);
            orphans.removeAll(byUid.keySet());
            orphans.forEach(uid -> removeLeftovers(uid, ORPHAN_GRACE));
        }
    }

    /**
     * kubelet's sourcesReady: housekeeping waits until the API's pods are listed and the manifest
     * directory read, or a restarted kubelet would kill the pods it is about to adopt.
     */
    private boolean sourcesReady() {
        return pods.hasSynced() && (staticPods == null || staticPods.ready());
    }

    /** Kills what a pod that no source wants any more left in the runtime, once at a time per pod. */
    private void removeLeftovers(String uid, Duration grace) {
        String key = "leftovers/" + uid;
        if (active.add(key)) {
            log.info("kubelet: removing what is left of pod {}, which no source wants any more", uid);
            workers.execute(() -> {
                try {
                    quietly("remove containers of deleted pod " + uid, () -> killer.kill(uid, grace));
                    backOff.forgetPod(uid);
                    probes.forgetPod(uid);
                    containerEvents.forgetPod(uid);
                    seen.remove(uid);
                } finally {
                    active.remove(key);
                }
            });
        }
    }

    private static void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // level-triggered: the next event or relist tick retries from the current state
            log.warn("kubelet {}: {}", what, e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        timers.shutdownNow();
        if (staticPods != null) {
            staticPods.close();
        }
        probes.close();
        eventSink.close();
        if (pods != null) {
            pods.close();
        }
        services.close();
        workers.shutdownNow();
        runtime.close();
    }
}
