package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.ControllerManagerProcess;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API-only server ({@code --disable-controller-manager}) and separate {@code jk8s controller-manager}
 * processes: only the holder of the Lease kube-system/kube-controller-manager runs the controllers
 * and scheduler; a standby takes over when the holder dies, stalls, or shuts down, as with
 * kube-controller-manager's --leader-elect (lease 15 s, renew deadline 10 s, retry 2 s).
 */
class LeaderElectionTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", "2",
            "--disable-controller-manager");

    // lease duration 15 s + a jittered retry period (2 s + up to 2.4 s) + kubectl polling, on a loaded machine
    private static final Duration TAKEOVER = Duration.ofSeconds(30);

    static Kubectl kubectl;
    private final List<ControllerManagerProcess> managers = new ArrayList<>();

    @BeforeAll
    static void nodesReady() {
        kubectl = cluster.kubectl();
        Eventually.until("2 Ready nodes", () -> kubectl.run("get", "nodes").out(),
                out -> out.lines().filter(l -> l.matches("jk8s-sim-\\d+\\s+Ready\\s+.*")).count() == 2);
    }

    @AfterEach
    void stopManagers() {
        managers.forEach(ControllerManagerProcess::close);
    }

    @Test
    void onlyTheLeaseHolderActsAndAStandbyTakesOverWhenItIsKilled() throws Exception {
        // the server alone runs no controllers
        kubectl.run("create", "deployment", "web", "--image=registry.local/web:1", "--replicas=3").assertSuccess();
        Thread.sleep(3000);
        assertEquals("No resources found in default namespace.\n", kubectl.run("get", "rs", "-l", "app=web").err());

        Pair pair = startTwo("cm-a", "cm-b");
        ControllerManagerProcess leader = pair.leader();
        ControllerManagerProcess standby = pair.standby();
        String holder = holder();
        assertEquals(leader.identity(), holder);
        assertTrue(holder.matches("[^_]+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), holder);
        assertEquals("15", kubectl.run("get", "lease", "-n", "kube-system", "kube-controller-manager", "-o",
                "jsonpath={.spec.leaseDurationSeconds}").assertSuccess().out());

        Eventually.until("3 Running pods", () -> kubectl.run("get", "deployment", "web").out(),
                out -> out.lines().anyMatch(l -> l.matches("web\\s+3/3\\s+3\\s+3\\s+\\S+")));
        assertOneReplicaSetWithPods("web", 3);
        assertFalse(standby.log().contains("controllers running"), "the standby started its controllers:\n" + standby.log());
        int transitions = leaseTransitions();

        long killed = System.nanoTime();
        leader.kill9();
        Eventually.until("the standby holding the Lease", TAKEOVER, this::holder, h -> h.equals(standby.identity()));
        System.out.printf("takeover after kill -9: %d ms%n", (System.nanoTime() - killed) / 1_000_000);
        assertEquals(transitions + 1, leaseTransitions());

        kubectl.run("scale", "deployment", "web", "--replicas=5").assertSuccess();
        Eventually.until("5 Running pods", () -> kubectl.run("get", "deployment", "web").out(),
                out -> out.lines().anyMatch(l -> l.matches("web\\s+5/5\\s+5\\s+5\\s+\\S+")));
        assertOneReplicaSetWithPods("web", 5);
        String events = kubectl.run("get", "events", "-n", "kube-system", "--field-selector", "reason=LeaderElection",
                "-o", "jsonpath={range .items[*]}{.involvedObject.kind}/{.involvedObject.name}: {.message}{\"\\n\"}{end}").out();
        assertTrue(events.contains("Lease/kube-controller-manager: " + standby.identity() + " became leader"), events);
    }

    @Test
    void aStalledLeaderIsDeposedAndExitsAndAStoppedOneReleasesTheLease() throws Exception {
        Pair pair = startTwo("cm-c", "cm-d");
        ControllerManagerProcess leader = pair.leader();
        ControllerManagerProcess standby = pair.standby();

        // a leader that stops renewing (here: frozen) loses the Lease once it expires...
        leader.pause();
        Eventually.until("the standby holding the Lease", TAKEOVER, this::holder, h -> h.equals(standby.identity()));
        // ...and, like kube-controller-manager, exits with status 1 as soon as it runs again and sees that
        leader.resume();
        assertEquals(Integer.valueOf(1), leader.exitStatus(Duration.ofSeconds(30)), leader.log());
        assertTrue(leader.log().contains("leaderelection lost"), leader.log());

        // a controller-manager stopped by its supervisor clears holderIdentity, so a standby need not wait 15 s
        ControllerManagerProcess third = startManager("cm-e");
        third.identity();
        Thread.sleep(3000); // campaigning: it has read the held Lease
        long stopped = System.nanoTime();
        standby.close();
        Eventually.until("the third holding the Lease", Duration.ofSeconds(10), this::holder, h -> h.equals(third.identity()));
        long took = (System.nanoTime() - stopped) / 1_000_000;
        System.out.printf("takeover after a graceful stop: %d ms%n", took);

        kubectl.run("create", "deployment", "after-release", "--image=registry.local/web:1", "--replicas=2").assertSuccess();
        Eventually.until("2 Running pods", () -> kubectl.run("get", "deployment", "after-release").out(),
                out -> out.lines().anyMatch(l -> l.matches("after-release\\s+2/2\\s+2\\s+2\\s+\\S+")));
    }

    private record Pair(ControllerManagerProcess leader, ControllerManagerProcess standby) {}

    /** Two controller-managers, once one of them holds the Lease. */
    private Pair startTwo(String first, String second) throws IOException {
        ControllerManagerProcess a = startManager(first);
        ControllerManagerProcess b = startManager(second);
        String holder = Eventually.until("a holder of the Lease", this::holder,
                h -> h.equals(a.identity()) || h.equals(b.identity()));
        return holder.equals(a.identity()) ? new Pair(a, b) : new Pair(b, a);
    }

    private ControllerManagerProcess startManager(String name) throws IOException {
        Path logs = Files.createDirectories(cluster.server().kubeconfig().getParent().resolve("logs"));
        ControllerManagerProcess manager = ControllerManagerProcess.start(cluster.server().kubeconfig(), logs.resolve(name + ".log"));
        managers.add(manager);
        return manager;
    }

    private String holder() {
        return kubectl.run("get", "lease", "-n", "kube-system", "kube-controller-manager",
                "-o", "jsonpath={.spec.holderIdentity}").out();
    }

    private int leaseTransitions() {
        return Integer.parseInt(kubectl.run("get", "lease", "-n", "kube-system", "kube-controller-manager",
                "-o", "jsonpath={.spec.leaseTransitions}").assertSuccess().out());
    }

    /** Only one controller acted: two racing leaders would leave a second ReplicaSet or surplus pods. */
    private static void assertOneReplicaSetWithPods(String app, int replicas) throws InterruptedException {
        Thread.sleep(2000); // a second acting controller-manager would have shown by now
        String rs = kubectl.run("get", "rs", "-l", "app=" + app, "--no-headers").assertSuccess().out();
        assertEquals(1, rs.lines().count(), rs);
        String pods = kubectl.run("get", "pods", "-l", "app=" + app, "--no-headers").assertSuccess().out();
        assertEquals(replicas, pods.lines().count(), pods);
        assertEquals(Set.of("Running"), Set.copyOf(pods.lines().map(l -> l.trim().split("\\s+")[2]).toList()), pods);
    }
}
