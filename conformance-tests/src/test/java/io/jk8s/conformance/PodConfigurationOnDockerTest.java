package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.testing.Kubectl;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment and volumes from ConfigMaps, Secrets and the downward API, as a container sees them:
 * the container copies what it sees into a hostPath directory that the test reads.
 */
class PodConfigurationOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    @TempDir
    Path out;

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    @Test
    void aContainerSeesConfigMapsSecretsAndTheDownwardApiAsEnvAndFiles() {
        kubectl().run("create", "configmap", "app-config", "--from-literal=greeting=hello",
                "--from-literal=LEVEL=debug").assertSuccess();
        kubectl().run("create", "secret", "generic", "app-secret", "--from-literal=password=s3cret",
                "--from-literal=token=abc").assertSuccess();
        kubectl().runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: configured, labels: {app: configured, tier: backend}}
                spec:
                  terminationGracePeriodSeconds: 1
                  volumes:
                  - {name: out, hostPath: {path: %2$s, type: Directory}}
                  - {name: config, configMap: {name: app-config}}
                  - {name: secret, secret: {secretName: app-secret, defaultMode: 0400, items: [{key: password, path: db/password}]}}
                  - {name: podinfo, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}
                  - name: all
                    projected:
                      sources:
                      - configMap: {name: app-config, items: [{key: greeting, path: greeting.txt}]}
                      - secret: {name: app-secret, items: [{key: token, path: token}]}
                      - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
                  - {name: cache, emptyDir: {medium: Memory}}
                  containers:
                  - name: app
                    image: %1$s
                    command: ["sh", "-c"]
                    args:
                    - |
                      env > /out/env
                      grep ' /cache ' /proc/mounts | cut -d' ' -f3 > /out/cache-fs
                      stat -L -c %%a /secret/db/password > /out/secret-mode
                      cp /secret/db/password /out/password; cp /podinfo/labels /out/labels
                      cat /all/greeting.txt /all/token /all/name > /out/projected
                      echo "$(GREETING) from $(POD_NAME)" > /out/args
                      while true; do cat /config/greeting > /out/greeting.tmp; mv /out/greeting.tmp /out/greeting; sleep 1; done
                    env:
                    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                    - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                    - {name: TIER, valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}}
                    - {name: GREETING, valueFrom: {configMapKeyRef: {name: app-config, key: greeting}}}
                    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: app-secret, key: password}}}
                    - {name: MISSING_OK, valueFrom: {secretKeyRef: {name: app-secret, key: nope, optional: true}}}
                    - {name: MEMORY_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
                    - {name: MESSAGE, value: "$(GREETING), $(POD_NAME)! $$(GREETING)"}
                    envFrom:
                    - {prefix: CFG_, configMapRef: {name: app-config}}
                    resources: {limits: {memory: 64Mi}}
                    volumeMounts:
                    - {name: out, mountPath: /out}
                    - {name: config, mountPath: /config}
                    - {name: secret, mountPath: /secret}
                    - {name: podinfo, mountPath: /podinfo}
                    - {name: all, mountPath: /all}
                    - {name: cache, mountPath: /cache}
                """.formatted(cluster.image(), out), "apply", "-f", "-").assertSuccess();
        Eventually.until("the container's report", DockerCluster.WAIT, () -> read("greeting"), "hello"::equals);
        String ip = Eventually.until("a pod IP", DockerCluster.WAIT,
                () -> kubectl().run("get", "pod", "configured", "-o", "jsonpath={.status.podIP}").out(), s -> !s.isEmpty());
        Set<String> env = read("env").lines().collect(Collectors.toSet());
        for (String expected : new String[] {"POD_NAME=configured", "POD_NAMESPACE=default", "POD_IP=" + ip, "TIER=backend",
                "GREETING=hello", "PASSWORD=s3cret", "MEMORY_LIMIT_MI=64", "MESSAGE=hello, configured! $(GREETING)",
                "CFG_greeting=hello", "CFG_LEVEL=debug"}) {
            assertTrue(env.contains(expected), expected + " in " + env);
        }
        assertTrue(env.stream().noneMatch(l -> l.startsWith("MISSING_OK=")), env.toString());
        assertEquals("hello from configured\n", read("args"));
        assertEquals("s3cret", read("password"));
        assertEquals("400\n", read("secret-mode"));
        assertEquals("app=\"configured\"\ntier=\"backend\"", read("labels"));
        assertEquals("helloabcconfigured", read("projected"));
        assertEquals("tmpfs\n", read("cache-fs"));

        kubectl().run("patch", "configmap", "app-config", "-p", "{\"data\":{\"greeting\":\"updated\"}}").assertSuccess();
        Eventually.until("the update in the mounted file", DockerCluster.WAIT, () -> read("greeting"), "updated"::equals);
    }

    @Test
    void aMissingKeyKeepsTheContainerWaitingWithCreateContainerConfigError() {
        kubectl().run("create", "configmap", "partial", "--from-literal=present=yes").assertSuccess();
        kubectl().runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: misconfigured}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    command: ["sleep", "3600"]
                    env:
                    - {name: ABSENT, valueFrom: {configMapKeyRef: {name: partial, key: absent}}}
                """.formatted(cluster.image()), "apply", "-f", "-").assertSuccess();
        Eventually.until("CreateContainerConfigError", DockerCluster.WAIT,
                () -> kubectl().run("get", "pod", "misconfigured", "--no-headers").out(),
                out -> out.matches("misconfigured\\s+0/1\\s+CreateContainerConfigError\\s+0\\s+\\S+\\n"));
        assertEquals("Pending couldn't find key absent in ConfigMap default/partial", kubectl().run("get", "pod",
                "misconfigured", "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.waiting.message}")
                .assertSuccess().out());
        // once the key exists, the next sync starts the container
        kubectl().run("patch", "configmap", "partial", "-p", "{\"data\":{\"absent\":\"now here\"}}").assertSuccess();
        Eventually.until("Running", DockerCluster.WAIT, () -> kubectl().run("get", "pod", "misconfigured", "--no-headers").out(),
                out -> out.matches("misconfigured\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"));
    }

    private String read(String name) {
        return DockerCluster.read(out, name);
    }
}
