package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jk8s.conformance.support.ControllerManagerProcess;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The all-in-one server's own controllers go through the same election: they hold the Lease
 * kube-system/kube-controller-manager, an external controller-manager beside them stands by, and a
 * graceful restart releases the Lease so the restarted server's controllers need not wait it out.
 */
class InProcessLeaderElectionTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", "1");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void theServersControllersHoldTheLeaseAndAnExternalControllerManagerStandsBy() throws Exception {
        String before = Eventually.until("a holder of the Lease", this::holder, h -> h.contains("_"));

        cluster.server().restart();
        // released on the graceful stop (holderIdentity cleared), then taken again at once by the restarted
        // server under the same name: a server's identity follows its data directory
        String after = Eventually.until("the restarted server holding the Lease", Duration.ofSeconds(10), this::holder,
                h -> h.contains("_"));
        assertEquals(before, after);

        try (ControllerManagerProcess standby = ControllerManagerProcess.start(cluster.server().kubeconfig(),
                cluster.server().kubeconfig().resolveSibling("standby.log"))) {
            String identity = standby.identity();
            kubectl.run("create", "deployment", "solo", "--image=registry.local/web:1", "--replicas=2").assertSuccess();
            Eventually.until("2 Running pods", () -> kubectl.run("get", "deployment", "solo").out(),
                    out -> out.lines().anyMatch(l -> l.matches("solo\\s+2/2\\s+2\\s+2\\s+\\S+")));
            assertEquals(after, holder());
            assertNotEquals(identity, holder());
            assertFalse(standby.log().contains("controllers running"), standby.log());
            assertEquals(1, kubectl.run("get", "rs", "-l", "app=solo", "--no-headers").assertSuccess().out().lines().count());
        }
    }

    @Test
    void aServerRestartedAfterAKillLeadsAtOnceInsteadOfWaitingOutItsOwnLease() throws Exception {
        String before = Eventually.until("a holder of the Lease", this::holder, h -> h.contains("_"));
        int transitions = leaseTransitions();
        cluster.server().kill9();
        cluster.server().restart();
        // the dead process's Lease is still valid for up to 15 s; the restarted server renews it as its own
        kubectl.run("create", "deployment", "after-crash", "--image=registry.local/web:1", "--replicas=1").assertSuccess();
        Eventually.until("a ReplicaSet well within the 15 s lease duration", Duration.ofSeconds(8),
                () -> kubectl.run("get", "rs", "-l", "app=after-crash", "--no-headers").out(), out -> out.lines().count() == 1);
        assertEquals(before, holder());
        assertEquals(transitions, leaseTransitions());
    }

    @Test
    void theServersControllersStopWhileAnotherHoldsTheLeaseAndCampaignAgain() throws Exception {
        String server = Eventually.until("a holder of the Lease", this::holder, h -> h.contains("_"));
        int transitions = leaseTransitions();
        // another candidate's fresh renewal, as written by a controller-manager that won a race
        kubectl.run("patch", "lease", "-n", "kube-system", "kube-controller-manager", "--type=merge", "-p",
                "{\"spec\":{\"holderIdentity\":\"intruder\",\"renewTime\":\""
                        + Instant.now().truncatedTo(ChronoUnit.MICROS) + "\"}}").assertSuccess();
        // client-go's "stopped leading" Event on the Lease: the server's controllers are stopped now
        Eventually.until("stopped leading", () -> leaderElectionEvents(), out -> out.contains(server + " stopped leading"));

        kubectl.run("create", "deployment", "while-deposed", "--image=registry.local/web:1", "--replicas=2").assertSuccess();
        Thread.sleep(3000);
        assertEquals("No resources found in default namespace.\n", kubectl.run("get", "rs", "-l", "app=while-deposed").err());

        // the intruder never renews: once its Lease expires the server's controllers lead again, fresh
        Eventually.until("the server holding the Lease again", Duration.ofSeconds(30), this::holder, h -> h.equals(server));
        assertEquals(transitions + 1, leaseTransitions());
        Eventually.until("2 Running pods", () -> kubectl.run("get", "deployment", "while-deposed").out(),
                out -> out.lines().anyMatch(l -> l.matches("while-deposed\\s+2/2\\s+2\\s+2\\s+\\S+")));
        assertEquals(2, kubectl.run("get", "pods", "-l", "app=while-deposed", "--no-headers").assertSuccess().out().lines().count());
    }

    private String leaderElectionEvents() {
        return kubectl.run("get", "events", "-n", "kube-system", "--field-selector", "reason=LeaderElection",
                "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}").out();
    }

    private int leaseTransitions() {
        return Integer.parseInt(kubectl.run("get", "lease", "-n", "kube-system", "kube-controller-manager",
                "-o", "jsonpath={.spec.leaseTransitions}").assertSuccess().out());
    }

    private String holder() {
        return kubectl.run("get", "lease", "-n", "kube-system", "kube-controller-manager",
                "-o", "jsonpath={.spec.holderIdentity}").out();
    }
}
