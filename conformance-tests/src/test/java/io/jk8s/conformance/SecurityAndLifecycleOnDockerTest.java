package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * securityContext and resource limits as the container's process sees them (ids, capabilities, a
 * read-only root, its cgroup), and postStart/preStop hooks, reported through a hostPath directory.
 */
class SecurityAndLifecycleOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    @TempDir
    Path out;

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    @Test
    void securityContextLimitsAndHooksReachTheContainer() throws IOException {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx")); // uid 1000 writes here
        kubectl().runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: confined}
                spec:
                  terminationGracePeriodSeconds: 5
                  securityContext: {runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000]}
                  volumes: [{name: out, hostPath: {path: %2$s}}]
                  containers:
                  - name: app
                    image: %1$s
                    command: ["sh", "-c"]
                    args:
                    - |
                      id > /out/id
                      touch /written 2> /out/read-only
                      cat /sys/fs/cgroup/memory/memory.limit_in_bytes > /out/memory
                      cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us > /out/cpu-quota
                      exec sleep 3600
                    securityContext: {readOnlyRootFilesystem: true}
                    resources: {limits: {memory: 64Mi, cpu: 250m}}
                    volumeMounts: [{name: out, mountPath: /out}]
                    lifecycle:
                      postStart: {exec: {command: ["sh", "-c", "echo started > /out/post-start"]}}
                      preStop: {exec: {command: ["sh", "-c", "echo stopping > /out/pre-stop"]}}
                  - name: admin
                    image: %1$s
                    command: ["sh", "-c", "grep CapEff /proc/self/status > /out/caps && exec sleep 3600"]
                    securityContext: {runAsUser: 0, capabilities: {drop: [ALL], add: [NET_ADMIN]}}
                    volumeMounts: [{name: out, mountPath: /out}]
                """.formatted(cluster.image(), out), "apply", "-f", "-").assertSuccess();
        Eventually.until("2/2 Running", DockerCluster.WAIT, () -> kubectl().run("get", "pod", "confined", "--no-headers").out(),
                s -> s.matches("confined\\s+2/2\\s+Running\\s+0\\s+\\S+\\n"));
        Eventually.until("the containers' reports", DockerCluster.WAIT, () -> read("cpu-quota") + read("caps"),
                s -> s.contains("CapEff"));
        String id = read("id");
        assertTrue(id.startsWith("uid=1000 gid=3000 ") && id.contains("4000"), id);
        assertTrue(read("read-only").contains("Read-only file system"), read("read-only"));
        assertEquals(64 * 1024 * 1024 + "\n", read("memory"));
        assertEquals("25000\n", read("cpu-quota"));
        // NET_ADMIN is capability 12; every other one was dropped
        assertEquals("CapEff:\t0000000000001000\n", read("caps"));
        assertEquals("started\n", read("post-start"));

        assertEquals("pod \"confined\" deleted\n", kubectl().run("delete", "pod", "confined").assertSuccess().out());
        assertEquals("stopping\n", read("pre-stop"));
    }

    private String read(String name) {
        return DockerCluster.read(out, name);
    }
}
