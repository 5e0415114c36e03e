package io.jk8s.conformance.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.testing.bench.LoadRun;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * HTTP load on the API through the fabric8 client: pod create / get / update / list (1k and 10k,
 * paged and unpaged) with 1 and 16 concurrent clients, and watch fan-out, against the jk8s jar
 * (durable, fsynced) and fabric8's KubernetesMockServer in CRUD mode (in memory), printing the
 * ratio. Run on demand (README, Benchmarks); arguments: [watchers=1000] [pods for the big list=10000] [jk8s-only:
 * skip the mock server].
 */
public final class ApiLoadBenchmark {

    /**
     * Per phase. Not more: the mock server's CRUD store scans every object it holds on each request,
     * so a longer run measures it with more pods than earlier runs did and the ratio would grow for that alone.
     */
    private static final int OPS = 2000;
    /**
     * Operations of each measured kind (create, get, update, delete) run and discarded before
     * measuring each server: a cold JVM spends a third of its CPU in the JIT compiler for the first
     * minute, which measures the warm-up, not the server. After 10,000 the jar's compiler threads
     * still took about a third of its CPU in the 16-client create phase (0.29 ms/op against 0.19
     * once warm); the pods are deleted, so the mock's store stays as small as it was.
     */
    private static final int WARM_UP_OPS = 30_000;
    /** Rounds of each write phase, of which the median is recorded (see {@link #recordMedian}). */
    private static final int ROUNDS = 5;
    /** The mock server logs every request through java.util.logging; jk8s logs none. Kept so it is not collected. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /**
     * The server's CPU time per operation, next to throughput: on a shared machine the rates move
     * with the neighbours' load, the CPU a request costs much less. Counted from the previous
     * recorded phase, or from the last {@link #markCpu}.
     */
    private static ProcessHandle serverProcess;
    private static Duration cpuMark = Duration.ZERO;

    public static void main(String[] args) throws Exception {
        int watchers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int bigList = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("jk8s-api-bench");
        Map<String, LoadRun.Result> jk8s;
        // By default the API server and its store alone, as kube-apiserver with etcd is measured and as
        // the mock server is one: no in-process controllers, whose informers would share the CPU.
        // -Djk8s.serverArgs="--node none" measures the whole control plane in one process instead.
        String[] serverArgs = System.getProperty("jk8s.serverArgs", "--node none --disable-controller-manager").trim().split("\\s+");
        try (Jk8sServer server = Jk8sServer.start(dir.resolve("data"), serverArgs);
                KubernetesClient client = client(Config.fromKubeconfig(Files.readString(server.kubeconfig())))) {
            System.out.println("== jk8s server " + String.join(" ", serverArgs) + " (RocksDB, fsync per acknowledged write)");
            serverProcess = ProcessHandle.of(server.pid()).orElseThrow();
            jk8s = workload(client, watchers, bigList);
            serverProcess = null;
        }
        if (args.length > 2 && args[2].equals("jk8s-only")) {
            System.exit(0);
        }
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        mock.init(InetAddress.getLoopbackAddress(), 0);
        Map<String, LoadRun.Result> peer;
        try (KubernetesClient client = mock.createClient(builder -> builder.withConfig(tuned(mock.createClient().getConfiguration())))) {
            System.out.println("== fabric8 KubernetesMockServer, CRUD mode (in memory)");
            peer = workload(client, watchers, bigList);
        } finally {
            mock.destroy();
        }
        System.out.println("== jk8s / mock server throughput");
        for (Map.Entry<String, LoadRun.Result> entry : jk8s.entrySet()) {
            LoadRun.Result other = peer.get(entry.getKey());
            if (other != null) {
                System.out.printf("%-40s %6.2fx%n", entry.getKey(), entry.getValue().opsPerSecond() / other.opsPerSecond());
            }
        }
        System.exit(0);
    }

    private static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(tuned(config)).build();
    }

    /** 16 concurrent clients need more than the client's default 5 connections per host. */
    private static Config tuned(Config config) {
        config.setMaxConcurrentRequests(2048);
        config.setMaxConcurrentRequestsPerHost(2048);
        config.setRequestTimeout(60_000);
        config.setNamespace("default");
        return config;
    }

    private static Map<String, LoadRun.Result> workload(KubernetesClient client, int watchers, int bigList) throws Exception {
        Map<String, LoadRun.Result> results = new java.util.LinkedHashMap<>();
        warmUp(client);
        markCpu();
        for (int clients : new int[] {1, 16}) {
            String prefix = "c" + clients + "-";
            // the pods of every round but the last are deleted again, unmeasured, so each round
            // starts with as many pods stored as the first; the last round's stay for get and update
            recordMedian(results, round -> {
                String names = round == ROUNDS - 1 ? prefix : prefix + "r" + round + "-";
                LoadRun.Result created = LoadRun.measure("pod create", clients, OPS, creates(client, names));
                if (round < ROUNDS - 1) {
                    Duration cpu = serverProcess == null ? null : serverCpu();
                    LoadRun.measure("(delete)", clients, OPS, deletes(client, names));
                    cpuMark = cpu == null ? cpuMark : cpuMark.plus(serverCpu().minus(cpu));
                }
                return created;
            });
            record(results, LoadRun.measure("pod get", clients, OPS, gets(client, prefix, OPS / clients)));
            recordMedian(results, round -> LoadRun.measure("pod update", clients, OPS / 2, updates(client, prefix, "round-" + round)));
        }
        fill(client, "list1k", 1000);
        record(results, LoadRun.measure("list 1k pods unpaged", 1, 50, (c, i) -> expect(client.pods().inNamespace("list1k").list(), 1000)));
        record(results, LoadRun.measure("list 1k pods paged (500)", 1, 50, (c, i) -> pagedList(client, "list1k", 1000)));
        fill(client, "list10k", bigList);
        record(results, LoadRun.measure("list " + bigList + " pods unpaged", 1, 5, (c, i) -> expect(client.pods().inNamespace("list10k").list(), bigList)));
        record(results, LoadRun.measure("list " + bigList + " pods paged (500)", 1, 5, (c, i) -> pagedList(client, "list10k", bigList)));
        record(results, watchFanOut(client, watchers));
        return results;
    }

    /**
     * Creates, gets, updates and deletes pods through the very operations the phases measure, so
     * that the client's JIT has compiled them before either server is measured. The client runs in
     * this JVM and the servers one after the other: measured through operations compiled only on
     * first use, the first server's first rounds also paid for compiling the client (its compiler
     * threads took 600 ms of the 2 cores during the first 4,000 creates, 70 ms in the next 4,000),
     * and the second server found it all compiled. The pods are deleted again.
     */
    private static void warmUp(KubernetesClient client) throws Exception {
        for (int done = 0; done < WARM_UP_OPS; done += OPS) {
            String names = "warm-" + done + "-";
            LoadRun.measure("(warm-up)", 16, OPS, creates(client, names));
            LoadRun.measure("(warm-up)", 16, OPS, gets(client, names, OPS / 16));
            LoadRun.measure("(warm-up)", 16, OPS, updates(client, names, "warm"));
            LoadRun.measure("(warm-up)", 16, OPS, deletes(client, names));
        }
    }

    private static LoadRun.Op creates(KubernetesClient client, String names) {
        return (c, i) -> client.pods().resource(pod(names + c + "-" + i)).create();
    }

    private static LoadRun.Op gets(KubernetesClient client, String names, int perClient) {
        return (c, i) -> client.pods().withName(names + c + "-" + (i % perClient)).get();
    }

    private static LoadRun.Op updates(KubernetesClient client, String names, String label) {
        return (c, i) -> client.pods().withName(names + c + "-" + i)
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("touched", label).endMetadata().build());
    }

    private static LoadRun.Op deletes(KubernetesClient client, String names) {
        return (c, i) -> client.pods().withName(names + c + "-" + i).withGracePeriod(0).delete();
    }

    private static void record(Map<String, LoadRun.Result> results, LoadRun.Result result) {
        System.out.println(result.line() + cpuSinceMark(result));
        results.put(result.name() + " / " + result.threads() + " cl", result);
    }

    /** One phase of a write workload. */
    private interface Round {
        LoadRun.Result run(int round) throws Exception;
    }

    /**
     * Runs a write phase {@link #ROUNDS} times and records the round of median throughput, on both
     * servers alike. A round lasts about half a second, so one memtable flush or collection pause in
     * it moves its rate by a third; and the client, in this JVM, still compiles in a phase's first
     * rounds though the warm-up ran the same operations (its compiler threads took 150 ms of the
     * first 16-client create round, 30 ms of the second, none of the third, which alone ran at
     * 4,500-5,600/s against 3,700-4,800/s). The median of five follows neither.
     */
    private static void recordMedian(Map<String, LoadRun.Result> results, Round phase) throws Exception {
        List<LoadRun.Result> rounds = new ArrayList<>();
        List<String> cpu = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            LoadRun.Result result = phase.run(round);
            rounds.add(result);
            cpu.add(cpuSinceMark(result));
        }
        List<LoadRun.Result> byRate = new ArrayList<>(rounds);
        byRate.sort(java.util.Comparator.comparingDouble(LoadRun.Result::opsPerSecond));
        LoadRun.Result median = byRate.get(ROUNDS / 2);
        StringBuilder all = new StringBuilder("   rounds");
        rounds.forEach(r -> all.append(String.format(" %.0f", r.opsPerSecond())));
        System.out.println(median.line() + cpu.get(rounds.indexOf(median)) + all);
        results.put(median.name() + " / " + median.threads() + " cl", median);
    }

    /** The server's CPU per operation since the mark, moving the mark to now; empty for the mock server. */
    private static String cpuSinceMark(LoadRun.Result result) {
        if (serverProcess == null) {
            return "";
        }
        Duration now = serverCpu();
        String cpu = String.format("   server CPU %7.3f ms/op", (now.toNanos() - cpuMark.toNanos()) / 1e6 / result.ops());
        cpuMark = now;
        return cpu;
    }

    private static void markCpu() {
        if (serverProcess != null) {
            cpuMark = serverCpu();
        }
    }

    private static Duration serverCpu() {
        return serverProcess.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void fill(KubernetesClient client, String namespace, int count) throws Exception {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
                .endMetadata().build()).create();
        LoadRun.measure("(fill " + namespace + ")", 8, count, (c, i) -> client.pods().inNamespace(namespace).resource(pod("p-" + c + "-" + i)).create());
        markCpu();
    }

    private static void pagedList(KubernetesClient client, String namespace, int expected) {
        int seen = 0;
        String next = null;
        do {
            PodList page = client.pods().inNamespace(namespace)
                    .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(500L).withContinue(next).build());
            seen += page.getItems().size();
            next = page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        if (seen != expected) {
            throw new IllegalStateException("paged list saw " + seen + ", expected " + expected);
        }
    }

    private static void expect(PodList list, int expected) {
        if (list.getItems().size() != expected) {
            throw new IllegalStateException("list returned " + list.getItems().size() + ", expected " + expected);
        }
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "bench").endMetadata()
                // bound to a node no kubelet serves: the scheduler leaves it alone, so the run measures the API
                .withNewSpec().withNodeName("bench-node").addNewContainer().withName("app").withImage("busybox:1").withCommand("sleep", "3600")
                .endContainer().endSpec().build();
    }

    /** {@code watchers} watches on one namespace; latency from each create call to each delivery. */
    private static LoadRun.Result watchFanOut(KubernetesClient client, int watchers) throws Exception {
        String namespace = "fanout";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
                .endMetadata().build()).create();
        int events = 100;
        Map<String, Long> sent = new java.util.concurrent.ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch delivered = new CountDownLatch(watchers * events);
        List<io.fabric8.kubernetes.client.Watch> watches = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            watches.add(client.pods().inNamespace(namespace).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    Long start = sent.get(pod.getMetadata().getName());
                    if (action == Action.ADDED && start != null) {
                        latencies.add(System.nanoTime() - start);
                        delivered.countDown();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {}
            }));
        }
        Thread.sleep(2000); // let every watch establish
        long begin = System.nanoTime();
        for (int i = 0; i < events; i++) {
            String name = "w-" + i;
            sent.put(name, System.nanoTime());
            client.pods().inNamespace(namespace).resource(pod(name)).create();
            Thread.sleep(10);
        }
        boolean all = delivered.await(60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - begin;
        watches.forEach(io.fabric8.kubernetes.client.Watch::close);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        String name = "watch fan-out " + watchers + " watchers" + (all ? "" : " (INCOMPLETE: " + sorted.length + " of " + watchers * events + ")");
        return new LoadRun.Result(name, 1, sorted.length, elapsed, sorted);
    }

}
