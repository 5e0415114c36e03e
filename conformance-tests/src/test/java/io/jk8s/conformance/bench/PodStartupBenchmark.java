package io.jk8s.conformance.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.conformance.support.LocalDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pod startup latency on the Docker node, as the upstream SLO measures it (pod creation to Running,
 * observed through a watch, image present): 50 pods created back to back, then 50 more at 5 per
 * second, each batch reported as p50/p90/p99/max. Docker's own container start time bounds it.
 * Needs a Docker engine and the jar; run:
 *
 * <pre>
 * mvn -B -q -pl conformance-tests test-compile exec:java \
 *   -Dexec.mainClass=io.jk8s.conformance.bench.PodStartupBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class PodStartupBenchmark {

    private static final int PODS = 50;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("jk8s-pod-startup");
        String image = LocalDocker.importBusybox(work);
        try (Jk8sServer server = Jk8sServer.start(work.resolve("data"), "--node", "docker");
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig()))).build()) {
            waitForNode(client);
            run(client, image, "warm-up", 5, 0);
            report("created back to back", run(client, image, "burst", PODS, 0));
            report("created 5 per second", run(client, image, "paced", PODS, 200));
        }
    }

    private static void report(String how, long[] millis) {
        Arrays.sort(millis);
        System.out.printf("pod startup latency, %d pods %s (creation to Running via watch): p50 %d ms, p90 %d ms,"
                + " p99 %d ms, max %d ms%n", millis.length, how, pct(millis, 50), pct(millis, 90), pct(millis, 99),
                millis[millis.length - 1]);
    }

    private static long[] run(KubernetesClient client, String image, String prefix, int count, long gapMillis) throws Exception {
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> running = new ConcurrentHashMap<>();
        Map<String, Long> bound = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(count);
        try (Watch watch = client.pods().inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String name = pod.getMetadata().getName();
                if (pod.getSpec().getNodeName() != null && created.containsKey(name)) {
                    bound.putIfAbsent(name, System.nanoTime());
                }
                if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && created.containsKey(name)
                        && running.putIfAbsent(name, System.nanoTime()) == null) {
                    all.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {}
        })) {
            for (int i = 0; i < count; i++) {
                String name = prefix + "-" + i;
                created.put(name, System.nanoTime());
                client.pods().inNamespace("default").resource(new PodBuilder()
                        .withNewMetadata().withName(name).endMetadata()
                        .withNewSpec().withTerminationGracePeriodSeconds(0L)
                        .addNewContainer().withName("app").withImage(image).withCommand("sleep", "3600").endContainer()
                        .endSpec().build()).create();
                Thread.sleep(gapMillis);
            }
            if (!all.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + running.size() + " of " + count + " pods running");
            }
        } finally {
            // grace 0 removes the pods from the API at once; the kubelet removes their containers after, and
            // the next batch must not compete with that (nor may the shared engine be left with them)
            List<String> uids = client.pods().inNamespace("default").list().getItems().stream()
                    .map(p -> p.getMetadata().getUid()).toList();
            client.pods().inNamespace("default").delete();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (uids.stream().anyMatch(uid -> !LocalDocker.containersOfPod(uid).isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
        long[] scheduling = created.keySet().stream().mapToLong(n -> (bound.get(n) - created.get(n)) / 1_000_000).sorted().toArray();
        System.out.printf("  %s: creation to bound (scheduler) p50 %d ms, p99 %d ms%n", prefix, pct(scheduling, 50), pct(scheduling, 99));
        return created.keySet().stream().mapToLong(n -> (running.get(n) - created.get(n)) / 1_000_000).toArray();
    }

    private static void waitForNode(KubernetesClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            boolean ready = client.nodes().list().getItems().stream().anyMatch(n -> n.getStatus().getConditions().stream()
                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
            if (ready) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no Ready node");
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
