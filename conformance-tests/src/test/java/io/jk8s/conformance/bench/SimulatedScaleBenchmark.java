package io.jk8s.conformance.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The simulated-mode goal (a thousand KWOK-like nodes and tens of thousands of pods in one JVM):
 * starts the jar with N simulated nodes and prints the time until all are Ready, the server's
 * resident memory, then the time D Deployments of R replicas take until every pod is Running
 * (seen through one watch), the pod rate, the memory after, and how long a chunked
 * {@code kubectl get pods -A} takes. Run on demand (README, Benchmarks); arguments:
 * [nodes=1000] [deployments=30] [replicas=1000]; the server's heap with -Djk8s.jvmArgs=-Xmx...
 */
public final class SimulatedScaleBenchmark {

    private static final long PHASE_TIMEOUT_MINUTES = 30;

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int deployments = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("jk8s-scale-bench");
        long start = System.nanoTime();
        try (Jk8sServer server = Jk8sServer.start(dir.resolve("data"), "--node", "simulated", "--simulated-nodes", Integer.toString(nodes))) {
            System.out.printf("server ready (/readyz) after %.1f s, %s%n", seconds(start), load());
            Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
            config.setRequestTimeout(120_000);
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                awaitReadyNodes(client, nodes);
                System.out.printf("%d nodes Ready after %.1f s from launch; server RSS %s, %s%n", nodes, seconds(start), rss(server.pid()), load());
                runPods(client, deployments, replicas);
                System.out.printf("server RSS after %d pods: %s, %s%n", deployments * replicas, rss(server.pid()), load());
                listWithKubectl(new Kubectl(server.kubeconfig(), dir), deployments * replicas);
            }
        }
        System.exit(0);
    }

    private static void awaitReadyNodes(KubernetesClient client, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(PHASE_TIMEOUT_MINUTES);
        long ready = 0;
        while ((ready = client.nodes().list().getItems().stream().filter(SimulatedScaleBenchmark::ready).count()) < nodes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ready + " of " + nodes + " nodes became Ready");
            }
            Thread.sleep(500);
        }
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** One watch over all namespaces counts the pods that reached Running; the Deployments are created back to back. */
    private static void runPods(KubernetesClient client, int deployments, int replicas) throws InterruptedException, IOException {
        int total = deployments * replicas;
        Set<String> running = ConcurrentHashMap.newKeySet();
        Watch watch = client.pods().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
                    running.add(pod.getMetadata().getUid());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                System.out.println("pod watch closed: " + cause.getMessage());
            }
        });
        long start = System.nanoTime();
        for (int d = 0; d < deployments; d++) {
            String namespace = "scale-" + d;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            client.apps().deployments().inNamespace(namespace).resource(deployment(replicas)).create();
        }
        long deadline = start + TimeUnit.MINUTES.toNanos(PHASE_TIMEOUT_MINUTES);
        int reported = 0;
        while (running.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            if (running.size() >= reported + total / 10) {
                reported = running.size();
                System.out.printf("  %d Running after %.1f s, %s%n", reported, seconds(start), load());
            }
        }
        watch.close();
        double elapsed = seconds(start);
        System.out.printf("%d Deployments x %d replicas: %d of %d pods Running after %.1f s = %.0f pods/s%s%n",
                deployments, replicas, running.size(), total, elapsed, running.size() / elapsed,
                running.size() < total ? " (INCOMPLETE)" : "");
    }

    private static Deployment deployment(int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName("scale").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "scale").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "scale").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.local/scale:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** Streamed, as a user's terminal takes it: kubectl prints each 500-pod page as it arrives; no 60 s cap. */
    private static void listWithKubectl(Kubectl kubectl, int pods) throws InterruptedException {
        long start = System.nanoTime();
        try (Kubectl.Streaming listing = kubectl.stream("get", "pods", "-A", "--chunk-size=500")) {
            int exit = listing.process().waitFor();
            double elapsed = seconds(start);
            Thread.sleep(500); // the reader thread drains the last lines
            System.out.printf("kubectl get pods -A --chunk-size=500: exit %d, %d lines (%d pods + header) in %.1f s%n",
                    exit, listing.lines().size(), pods, elapsed);
        }
    }

    private static String rss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring("VmRSS:".length()).trim()).findFirst().orElse("?");
    }

    private static String load() throws IOException {
        String[] loadavg = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return "load average " + loadavg[0] + " " + loadavg[1] + " " + loadavg[2];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
