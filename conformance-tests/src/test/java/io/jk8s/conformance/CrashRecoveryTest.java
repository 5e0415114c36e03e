package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.testing.Kubectl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged writes survive a SIGKILL of the whole server, and revisions keep increasing. */
class CrashRecoveryTest {

    @TempDir
    Path work;

    @Test
    void configMapsSurviveKillDashNine() {
        try (Jk8sServer server = Jk8sServer.start(work.resolve("data"))) {
            Kubectl kubectl = new Kubectl(server.kubeconfig(), work.resolve("home"));
            Map<String, Long> acknowledged = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                String name = "before-crash-" + i;
                kubectl.run("create", "configmap", name, "--from-literal=n=" + i).assertSuccess();
                acknowledged.put(name, resourceVersion(kubectl, name));
            }
            long highest = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();

            server.kill9();
            server.restart();

            for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
                assertEquals(entry.getValue(), resourceVersion(kubectl, entry.getKey()),
                        entry.getKey() + " changed its resourceVersion across the crash");
            }
            kubectl.run("create", "configmap", "after-crash").assertSuccess();
            long after = resourceVersion(kubectl, "after-crash");
            assertTrue(after > highest, "revision went backwards: " + after + " <= " + highest);
        }
    }

    private static long resourceVersion(Kubectl kubectl, String name) {
        return Long.parseLong(kubectl.run("get", "cm", name, "-o", "jsonpath={.metadata.resourceVersion}")
                .assertSuccess().out().trim());
    }
}
