package io.jk8s.node.simulated;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.node.kubelet.NodeEvents;
import io.jk8s.node.kubelet.NodeHeartbeat;
import io.jk8s.node.kubelet.NodeRegistration;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N kubelets in one process that run no containers (like KWOK): each registers its Node and
 * renews its Lease; pods bound to them move to Running and Ready (run-to-completion pods to
 * Succeeded a moment later, as do ephemeral containers), with pod IPs from the node's own /24, and a deleted pod is confirmed
 * at once. One pod informer, the controllers', serves all of them, so a thousand nodes cost a
 * thousand leases, not a thousand watches.
 */
public final class SimulatedNodes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedNodes.class);
    private static final long LEASE_RENEW_SECONDS = 10;
    // kubelet's nodeStatusReportFrequency: the Lease, not the Node, is the heartbeat the lifecycle controller reads
    private static final long STATUS_REPORT_SECONDS = 300;
    // registrations and pod status writes in flight at once: one at a time, 1,000 nodes took minutes
    private static final int WRITERS = 8;
    private static final long COMPLETION_MILLIS = 1000;

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Integer> nodeIndex = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> nextIp = new ConcurrentHashMap<>();
    private final Map<String, NodeHeartbeat> heartbeats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(WRITERS, daemon("simulated-kubelet"));
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, daemon("simulated-kubelet-sync"));
    private SharedIndexInformer<Pod> pods;
    private ResourceEventHandler<Pod> podHandler;
    private SharedIndexInformer<Node> nodes;
    private ResourceEventHandler<Node> nodeHandler;

    private SimulatedNodes(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public static String nodeName(int index) {
        return "jk8s-sim-" + index;
    }

    /**
     * {@code pods} and {@code nodes} are running informers shared with the controllers: a second
     * cache of every pod would double the memory that tens of thousands of pods take.
     */
    public static SimulatedNodes start(KubernetesClient client, int count, SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes) {
        SimulatedNodes simulated = new SimulatedNodes(client, Clock.systemUTC());
        List<Future<?>> registrations = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int index = i;
            registrations.add(simulated.writers.submit(() -> simulated.register(index, count)));
        }
        for (Future<?> registration : registrations) {
            try {
                registration.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("simulated node registration failed", e.getCause());
            }
        }
        simulated.watchPods(pods);
        simulated.watchNodes(nodes);
        log.info("{} simulated node(s) registered", count);
        return simulated;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void register(int index, int count) {
        String name = nodeName(index);
        NodeRegistration registration = new NodeRegistration(name, internalIp(index),
                Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "ephemeral-storage", new Quantity("100Gi"),
                        "pods", new Quantity("110")),
                "simulated://1.0", "jk8s simulated node", "simulated");
        NodeHeartbeat heartbeat = new NodeHeartbeat(client, registration, clock, NodeEvents.NONE);
        Node node = heartbeat.register();
        heartbeat.renewLease(node);
        nodeIndex.put(name, index);
        nextIp.put(name, new AtomicInteger(2));
        heartbeats.put(name, heartbeat);
        // spread evenly over the period, so a thousand renewals are a steady trickle rather than a burst every 10 s
        long leaseOffset = TimeUnit.SECONDS.toMillis(LEASE_RENEW_SECONDS) * index / count;
        long statusOffset = TimeUnit.SECONDS.toMillis(STATUS_REPORT_SECONDS) * index / count;
        // (the first renewal comes within one period, never later)
        timers.scheduleAtFixedRate(() -> quietly(() -> heartbeat.renewLease(node)),
                leaseOffset, TimeUnit.SECONDS.toMillis(LEASE_RENEW_SECONDS), TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> quietly(heartbeat::reportStatus),
                statusOffset, TimeUnit.SECONDS.toMillis(STATUS_REPORT_SECONDS), TimeUnit.MILLISECONDS);
    }

    private static String internalIp(int index) {
        return "172.30." + (index / 250) + "." + (index % 250 + 1);
    }

    private void watchPods(SharedIndexInformer<Pod> shared) {
        pods = shared;
        podHandler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                syncLater(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                syncLater(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {}
        };
        pods.addEventHandler(podHandler);
    }

    /**
     * The node lifecycle controller marked a node Unknown (a renewal came late under load): report
     * Ready again at once, as kubelet's status loop posts a status that differs from the stored
     * one (kubelet_node_status.go) instead of waiting for the 5-minute report.
     */
    private void watchNodes(SharedIndexInformer<Node> shared) {
        nodes = shared;
        nodeHandler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {}

            @Override
            public void onUpdate(Node old, Node node) {
                NodeHeartbeat heartbeat = heartbeats.get(node.getMetadata().getName());
                if (heartbeat != null && node.getMetadata().getDeletionTimestamp() == null && !ready(node)) {
                    writers.execute(() -> quietly(heartbeat::reportStatus));
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {}
        };
        nodes.addEventHandler(nodeHandler);
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The informer delivers events on one thread; the status writes run beside it, not one after another. */
    private void syncLater(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName != null && nodeIndex.containsKey(nodeName)) {
            writers.execute(() -> sync(pod));
        }
    }

    private void sync(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        Integer index = nodeName == null ? null : nodeIndex.get(nodeName);
        if (index == null) {
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // nothing to stop: confirm the deletion, as kubelet does once containers are gone
            quietly(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete());
        } else if (phase == null || "Pending".equals(phase)) {
            String podIp = "10.244." + index + "." + (nextIp.get(nodeName).getAndIncrement() % 250 + 2);
            writeStatus(pod, SimulatedPodStatus.running(pod, internalIp(index), podIp, now()));
        } else if ("Running".equals(phase)) {
            syncEphemeral(pod);
            if (!"Always".equals(pod.getSpec().getRestartPolicy())) {
                timers.schedule(() -> quietly(() -> complete(pod)), COMPLETION_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** kubectl debug added a container: report it running, and exited a moment later, as it is never restarted. */
    private void syncEphemeral(Pod pod) {
        PodStatus started = SimulatedPodStatus.ephemeralStarted(pod, now());
        if (started != null) {
            writeStatus(pod, started);
        } else if (SimulatedPodStatus.hasRunningEphemeral(pod)) {
            timers.schedule(() -> quietly(() -> completeEphemeral(pod)), COMPLETION_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void completeEphemeral(Pod pod) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        if (current == null || !"Running".equals(current.getStatus().getPhase())) {
            return;
        }
        PodStatus completed = SimulatedPodStatus.ephemeralCompleted(current, now());
        if (completed != null) {
            writeStatus(current, completed);
        }
    }

    private void writeStatus(Pod pod, PodStatus status) {
        Pod updated = client.getKubernetesSerialization().clone(pod);
        updated.setStatus(status);
        quietly(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(updated).updateStatus());
    }

    private void complete(Pod pod) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        if (current == null || !"Running".equals(current.getStatus().getPhase())) {
            return;
        }
        current.setStatus(SimulatedPodStatus.succeeded(current, now()));
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(current).updateStatus();
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            // a conflict or a vanished object: the next event or tick brings the current state
            log.debug("simulated kubelet: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        writers.shutdownNow();
        if (pods != null) {
            pods.removeEventHandler(podHandler);
        }
        if (nodes != null) {
            nodes.removeEventHandler(nodeHandler);
        }
    }
}
