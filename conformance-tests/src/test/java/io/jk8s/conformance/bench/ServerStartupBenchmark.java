package io.jk8s.conformance.bench;

import io.jk8s.conformance.support.Jk8sServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time from JVM start to a ready API server ({@code /readyz} 200, kubeconfig written) and the
 * server's idle resident memory. Run (after {@code mvn -B -DskipTests package}):
 *
 * <pre>
 * mvn -B -q -pl conformance-tests test-compile exec:java \
 *   -Dexec.mainClass=io.jk8s.conformance.bench.ServerStartupBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class ServerStartupBenchmark {

    private static final int RUNS = 5;
    private static final long IDLE_MILLIS = 10_000;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("jk8s-startup");
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            // A fresh data dir each time but the first: measures both first start and restart.
            try (Jk8sServer server = Jk8sServer.start(work.resolve(run == 0 ? "first" : "again"))) {
                millis.add((System.nanoTime() - start) / 1_000_000);
                if (run == RUNS - 1) {
                    Thread.sleep(IDLE_MILLIS);
                    System.out.printf("idle RSS after %d s: %d MiB%n", IDLE_MILLIS / 1000, rssKib(server.pid()) / 1024);
                }
            }
        }
        System.out.println("JVM start to ready (ms), first start then restarts: " + millis);
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.println("median start to ready: " + sorted.get(sorted.size() / 2) + " ms");
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
