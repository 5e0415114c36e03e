package io.jk8s.conformance.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.testing.bench.LoadRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control plane under load on simulated nodes (the jar with {@code --node simulated}):
 * scheduler throughput (pods bound per second) for N pending pods on M nodes, and the time a
 * 1,000-replica Deployment takes to become Available (ReplicaSet, scheduler and kubelets
 * together). Run on demand (README, Benchmarks); arguments: [nodes=100] [pods=5000] [replicas=1000].
 */
public final class SchedulerBenchmark {

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("jk8s-scheduler-bench");
        try (Jk8sServer server = Jk8sServer.start(dir.resolve("data"), "--node", "simulated", "--simulated-nodes", Integer.toString(nodes));
                KubernetesClient client = client(Config.fromKubeconfig(Files.readString(server.kubeconfig())))) {
            awaitNodes(client, nodes);
            schedulingThroughput(client, nodes, pods);
            deploymentAvailable(client, replicas);
        }
        System.exit(0);
    }

    private static KubernetesClient client(Config config) {
        config.setMaxConcurrentRequests(256);
        config.setMaxConcurrentRequestsPerHost(256);
        config.setRequestTimeout(60_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static void awaitNodes(KubernetesClient client, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (client.nodes().list().getItems().size() < nodes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the simulated nodes did not register");
            }
            Thread.sleep(200);
        }
    }

    /**
     * 5,000 pods wait while every node is cordoned (the scheduler marks them Unschedulable); then
     * all nodes are uncordoned at once and the bindings are timed through one watch, so the number
     * is the scheduler's, not the pod creation rate's.
     */
    private static void schedulingThroughput(KubernetesClient client, int nodes, int requested) throws Exception {
        int pods = requested / 16 * 16; // LoadRun spreads the creations evenly over the 16 clients
        String namespace = "sched";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        setUnschedulable(client, true);
        LoadRun.Result created = LoadRun.measure("create " + pods + " pending pods", 16, pods,
                (c, i) -> client.pods().inNamespace(namespace).resource(pod("p-" + c + "-" + i)).create());
        System.out.println(created.line());
        Thread.sleep(5000); // let the Unschedulable status writes settle
        Set<String> bound = ConcurrentHashMap.newKeySet();
        AtomicLong lastBind = new AtomicLong();
        CountDownLatch all = new CountDownLatch(pods);
        Watch watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (pod.getSpec().getNodeName() != null && bound.add(pod.getMetadata().getName())) {
                    lastBind.set(System.nanoTime());
                    all.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
        long start = System.nanoTime();
        setUnschedulable(client, false);
        boolean done = all.await(10, TimeUnit.MINUTES);
        watch.close();
        double seconds = (lastBind.get() - start) / 1e9;
        System.out.printf("scheduler: %d of %d pending pods bound on %d nodes in %.2f s after uncordoning = %.0f pods/s%s%n",
                bound.size(), pods, nodes, seconds, bound.size() / seconds, done ? "" : " (INCOMPLETE)");
    }

    private static void setUnschedulable(KubernetesClient client, boolean unschedulable) {
        for (var node : client.nodes().list().getItems()) {
            client.nodes().withName(node.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"unschedulable\":" + (unschedulable ? "true" : "null") + "}}");
        }
    }

    private static void deploymentAvailable(KubernetesClient client, int replicas) throws InterruptedException {
        String namespace = "deploy";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("big").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "big").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "big").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.local/big:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
        long start = System.nanoTime();
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        int available = 0;
        while (System.nanoTime() < deadline) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName("big").get();
            available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null ? 0 : d.getStatus().getAvailableReplicas();
            if (available == replicas) {
                break;
            }
            Thread.sleep(100);
        }
        System.out.printf("deployment: %d/%d replicas available after %.2f s%n", available, replicas, (System.nanoTime() - start) / 1e9);
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "sched").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.local/sched:1").endContainer().endSpec().build();
    }
}
