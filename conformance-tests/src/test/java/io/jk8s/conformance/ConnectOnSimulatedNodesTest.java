package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.SimulatedCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated node has no kubelet server, and its InternalIP is made up: the API server must not
 * dial that address off the machine for logs, exec or proxy, but answer at once that it can't reach it.
 */
class ConnectOnSimulatedNodesTest {

    @RegisterExtension
    static final SimulatedCluster cluster = new SimulatedCluster(1);

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void logsExecAndNodeProxyOfASimulatedNodeAreRefusedWithoutDialingIt() {
        kubectl.run("run", "quiet", "--image=registry.local/quiet:1").assertSuccess();
        kubectl.run("wait", "--for=condition=Ready", "pod/quiet", "--timeout=60s").assertSuccess();
        String node = kubectl.run("get", "pod", "quiet", "-o", "jsonpath={.spec.nodeName}").assertSuccess().out();
        String ip = kubectl.run("get", "node", node, "-o", "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}")
                .assertSuccess().out();
        String refused = "error trying to reach service: dial tcp " + ip + ":10250: connect: network is unreachable";

        Kubectl.Result logs = kubectl.run("logs", "quiet");
        assertEquals(1, logs.exitCode(), logs.out());
        assertEquals("Error from server (ServiceUnavailable): " + refused, logs.err().strip());

        Kubectl.Result exec = kubectl.run("exec", "quiet", "--", "true");
        assertTrue(exec.exitCode() != 0 && exec.err().contains("network is unreachable"), exec.err());

        Kubectl.Result proxy = kubectl.run("get", "--raw", "/api/v1/nodes/" + node + "/proxy/healthz");
        assertEquals(1, proxy.exitCode(), proxy.out());
        assertEquals("Error from server (ServiceUnavailable): " + refused, proxy.err().strip());
    }
}
