package io.jk8s.conformance.support;

import io.jk8s.testing.Kubectl;
import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link RunningCluster} on N simulated nodes, ready once kubectl shows all of them Ready; for
 * classes that declare {@code @RegisterExtension static final SimulatedCluster cluster = new SimulatedCluster(3)}.
 */
public final class SimulatedCluster implements BeforeAllCallback, AfterAllCallback {

    private final int nodes;
    private final RunningCluster cluster;

    public SimulatedCluster(int nodes) {
        this.nodes = nodes;
        this.cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", Integer.toString(nodes));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        cluster.beforeAll(context);
        Eventually.until(nodes + " Ready nodes", () -> kubectl().run("get", "nodes").out(),
                out -> out.lines().filter(l -> l.matches("jk8s-sim-\\d+\\s+Ready\\s+.*")).count() == nodes);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        cluster.afterAll(context);
    }

    public Kubectl kubectl() {
        return cluster.kubectl();
    }

    public Jk8sServer server() {
        return cluster.server();
    }
}
