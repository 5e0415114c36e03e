package io.jk8s.node.simulated;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
 * Succeeded a moment later), with pod IPs from the node's own /24, and a deleted pod is confirmed
 * at once. One pod watch serves all of them, so a thousand nodes cost a thousand leases, not a
 * thousand watches.
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
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(WRITERS, daemon("simulated-kubelet"));
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, daemon("simulated-kubelet-sync"));
    private SharedIndexInformer<Pod> pods;

    private SimulatedNodes(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public static String nodeName(int index) {
        return "jk8s-sim-" + index;
    }

    public static SimulatedNodes start(KubernetesClient client, int count) {
        SimulatedNodes nodes = new SimulatedNodes(client, Clock.systemUTC());
        List<Future<?>> registrations = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int index = i;
            registrations.add(nodes.writers.submit(() -> nodes.register(index, count)));
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
        nodes.watchPods();
        log.info("{} simulated node(s) registered", count);
        return nodes;
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
        NodeHeartbeat heartbeat = new NodeHeartbeat(client, registration, clock);
        Node node = heartbeat.register();
        heartbeat.renewLease(node);
        nodeIndex.put(name, index);
        nextIp.put(name, new AtomicInteger(2));
        // spread evenly over the period, so a thousand renewals are a steady trickle rather than a burst every 10 s
        long leaseOffset = TimeUnit.SECONDS.toMillis(LEASE_RENEW_SECONDS) * index / count;
        long statusOffset = TimeUnit.SECONDS.toMillis(STATUS_REPORT_SECONDS) * index / count;
        timers.scheduleAtFixedRate(() -> quietly(() -> heartbeat.renewLease(node)),
                TimeUnit.SECONDS.toMillis(LEASE_RENEW_SECONDS) + leaseOffset, TimeUnit.SECONDS.toMillis(LEASE_RENEW_SECONDS), TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> quietly(heartbeat::reportStatus),
                TimeUnit.SECONDS.toMillis(STATUS_REPORT_SECONDS) + statusOffset, TimeUnit.SECONDS.toMillis(STATUS_REPORT_SECONDS), TimeUnit.MILLISECONDS);
    }

    private static String internalIp(int index) {
        return "172.30." + (index / 250) + "." + (index % 250 + 1);
    }

    private void watchPods() {
        pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
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
        }, 0);
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
            Pod running = client.getKubernetesSerialization().clone(pod);
            running.setStatus(SimulatedPodStatus.running(pod, internalIp(index), podIp, now()));
            quietly(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(running).updateStatus());
        } else if ("Running".equals(phase) && !"Always".equals(pod.getSpec().getRestartPolicy())) {
            timers.schedule(() -> quietly(() -> complete(pod)), COMPLETION_MILLIS, TimeUnit.MILLISECONDS);
        }
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
            pods.close();
        }
    }
}
