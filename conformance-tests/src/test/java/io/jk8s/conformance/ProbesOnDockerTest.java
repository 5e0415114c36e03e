package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Liveness, readiness and startup probes as kubelet runs them, seen through kubectl on real containers. */
class ProbesOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerUntilItCrashLoops() {
        kubectl().runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: liveness}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    command: ["sleep", "3600"]
                    livenessProbe:
                      exec: {command: ["cat", "/tmp/healthy"]}
                      periodSeconds: 1
                      failureThreshold: 2
                """.formatted(cluster.image()), "apply", "-f", "-").assertSuccess();
        Eventually.until("restarted by the liveness probe", DockerCluster.WAIT,
                () -> kubectl().run("get", "pod", "liveness", "--no-headers").out(),
                out -> out.matches("liveness\\s+1/1\\s+Running\\s+[1-9]\\d* \\(\\S+ ago\\)\\s+\\S+\\n"));
        Eventually.until("CrashLoopBackOff", DockerCluster.WAIT, () -> kubectl().run("get", "pod", "liveness", "--no-headers").out(),
                out -> out.matches("liveness\\s+0/1\\s+CrashLoopBackOff\\s+[1-9]\\d* \\(\\S+ ago\\)\\s+\\S+\\n"));
        // the killed sleep ends by SIGKILL once the 1 s grace has passed (PID 1 ignores SIGTERM)
        assertEquals("Running 137", kubectl().run("get", "pod", "liveness", "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].lastState.terminated.exitCode}").assertSuccess().out());
    }

    @Test
    void onlyPodsPassingTheirReadinessProbeAreServiceEndpoints() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {app: probed}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: %2$s
                    command: ["sh", "-c", "echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{name: http, containerPort: 8080}]
                    startupProbe:
                      tcpSocket: {port: http}
                      periodSeconds: 1
                    livenessProbe:
                      tcpSocket: {port: 8080}
                      periodSeconds: 1
                    readinessProbe:
                      httpGet: {path: %3$s, port: http}
                      periodSeconds: 1
                """;
        kubectl().runWithInput(pod.formatted("ready-web", cluster.image(), "/index.html") + "---\n"
                + pod.formatted("unready-web", cluster.image(), "/missing") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: probed}
                spec:
                  selector: {app: probed}
                  ports: [{port: 80, targetPort: http}]
                """, "apply", "-f", "-").assertSuccess();
        Eventually.until("one ready, one not", DockerCluster.WAIT, () -> kubectl().run("get", "pods", "-l", "app=probed",
                "--no-headers").out(), out -> out.matches("(?s)ready-web\\s+1/1\\s+Running\\s+0\\s+\\S+\\n"
                + "unready-web\\s+0/1\\s+Running\\s+0\\s+\\S+\\n"));
        Eventually.until("the ready pod in Endpoints, the other not ready", DockerCluster.WAIT,
                () -> kubectl().run("get", "endpoints", "probed", "-o", "jsonpath={.subsets[0].addresses[*].targetRef.name}"
                        + " {.subsets[0].notReadyAddresses[*].targetRef.name} {.subsets[0].ports[0].port}").out(),
                out -> out.equals("ready-web unready-web 8080"));
        // started (the startup probe passed) but not ready
        assertEquals("true false False ContainersNotReady containers with unready status: [web]", kubectl().run("get", "pod",
                "unready-web", "-o", "jsonpath={.status.containerStatuses[0].started} {.status.containerStatuses[0].ready} "
                        + "{.status.conditions[?(@.type==\"Ready\")].status} "
                        + "{.status.conditions[?(@.type==\"Ready\")].reason} "
                        + "{.status.conditions[?(@.type==\"ContainersReady\")].message}").assertSuccess().out());
    }
}
