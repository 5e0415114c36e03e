package io.jk8s.node.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import io.jk8s.node.DockerEngineProbe;
import io.jk8s.node.runtime.DockerConnection;

/**
 * The Docker engine the tests run pods on. A developer without one sees the tests skipped with the
 * reason; in CI (CI=true) a missing engine fails, since .ci/run starts one and these tests must run.
 */
public final class TestDocker {

    private static DockerClient client;

    private TestDocker() {}

    public static synchronized DockerClient client() {
        if (client == null) {
            DockerEngineProbe.Result probe = DockerEngineProbe.probe();
            if (!probe.reachable()) {
                String why = "no Docker engine at " + probe.endpoint() + ": " + probe.reason();
                if ("true".equals(System.getenv("CI"))) {
                    fail(why + " (CI must have one: .ci/docker-engine starts it)");
                }
                assumeTrue(false, why + "; run .ci/docker-engine to start one");
            }
            client = DockerConnection.open();
        }
        return client;
    }
}
