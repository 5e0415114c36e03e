package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first steps of every tutorial against a freshly started server, with real kubectl. */
class ClusterStartTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster();

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void versionReportsKubernetes132() {
        String out = kubectl.run("version").assertSuccess().out();
        assertTrue(out.contains("Server Version: v1.32."), out);
    }

    @Test
    void defaultNamespacesExist() {
        String out = kubectl.run("get", "ns").assertSuccess().out();
        assertTrue(out.startsWith("NAME"), out);
        assertTrue(out.lines().findFirst().orElseThrow().matches("NAME\\s+STATUS\\s+AGE"), out);
        for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            assertTrue(out.lines().anyMatch(l -> l.matches(ns + "\\s+Active\\s+\\S+")), ns + " missing:\n" + out);
        }
    }

    @Test
    void configMapRoundTrip() {
        assertEquals("configmap/tutorial created\n",
                kubectl.run("create", "configmap", "tutorial", "--from-literal=greeting=hello").assertSuccess().out());
        String table = kubectl.run("get", "configmap", "tutorial").assertSuccess().out();
        assertTrue(table.lines().findFirst().orElseThrow().matches("NAME\\s+DATA\\s+AGE"), table);
        assertTrue(table.lines().skip(1).anyMatch(l -> l.matches("tutorial\\s+1\\s+\\S+")), table);
        assertEquals("hello", kubectl.run("get", "cm", "tutorial", "-o", "jsonpath={.data.greeting}").assertSuccess().out());
        assertEquals("configmap \"tutorial\" deleted\n", kubectl.run("delete", "cm", "tutorial").assertSuccess().out());
        Kubectl.Result missing = kubectl.run("get", "cm", "tutorial");
        assertEquals(1, missing.exitCode());
        assertEquals("Error from server (NotFound): configmaps \"tutorial\" not found\n", missing.err());
    }
}
