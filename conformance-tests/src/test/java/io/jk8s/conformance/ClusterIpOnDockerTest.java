package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.testing.Kubectl;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kube-proxy role inside the pod network: a Service's cluster IP answers pods from its ready
 * endpoints, spread over them, and follows readiness and scaling; the kubelet gives containers the
 * service environment variables.
 */
class ClusterIpOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();
    /** Endpoint changes reach the rules within a second; the rest is the probe and the controllers. */
    private static final Duration SWITCH = Duration.ofSeconds(10);

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    @Test
    void aClusterIpSpreadsPodTrafficOverReadyEndpointsAndFollowsThem() {
        kubectl().runWithInput("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: httpd
                        image: %s
                        command: ["sh", "-c", "hostname > /www/index.html && touch /tmp/ready && exec httpd -f -p 8080 -h /www"]
                        readinessProbe:
                          exec: {command: ["cat", "/tmp/ready"]}
                          periodSeconds: 1
                          failureThreshold: 1
                """.formatted(cluster.image()), "apply", "-f", "-").assertSuccess();
        assertEquals("service/web exposed\n",
                kubectl().run("expose", "deployment", "web", "--port=80", "--target-port=8080").assertSuccess().out());
        String ip = kubectl().run("get", "service", "web", "-o", "jsonpath={.spec.clusterIP}").assertSuccess().out();
        assertTrue(ip.startsWith("10.9") || ip.startsWith("10.1"), ip);
        // created after the Service, so its containers get the Service's variables
        kubectl().run("run", "client", "--image=" + cluster.image(), "--", "sleep", "3600").assertSuccess();
        List<String> web = readyPods(2);
        Eventually.until("the client running", DockerCluster.WAIT,
                () -> kubectl().run("get", "pod", "client", "-o", "jsonpath={.status.phase}").out(), "Running"::equals);

        String url = "http://" + ip + "/";
        Eventually.until("answers from both pods through " + url, DockerCluster.WAIT,
                () -> String.join(" ", new TreeSet<>(fetch("client", url, 8))), String.join(" ", new TreeSet<>(web))::equals);

        // one pod turns unready: its endpoint leaves the rules, the other one serves everything
        kubectl().run("exec", web.get(0), "--", "rm", "/tmp/ready").assertSuccess();
        long started = System.nanoTime();
        Eventually.until("traffic only to " + web.get(1), SWITCH, () -> String.join(" ", fetch("client", url, 6)),
                out -> Set.copyOf(List.of(out.split(" "))).equals(Set.of(web.get(1))));
        System.out.printf("unready endpoint left the cluster IP's traffic after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertEquals(Set.of(web.get(1)), Set.copyOf(fetch("client", url, 10)));

        kubectl().run("exec", web.get(0), "--", "touch", "/tmp/ready").assertSuccess();
        Eventually.until("both pods again", SWITCH, () -> String.join(" ", new TreeSet<>(fetch("client", url, 8))),
                String.join(" ", new TreeSet<>(web))::equals);

        kubectl().run("scale", "deployment", "web", "--replicas=1").assertSuccess();
        // the pod scaled away may still be terminating: what counts is the one without a deletionTimestamp
        String remaining = Eventually.until("one pod left", DockerCluster.WAIT, () -> String.join(" ", kubectl().run("get", "pods",
                "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.deletionTimestamp}{\"\\n\"}{end}")
                .out().lines().filter(l -> l.endsWith("=")).map(l -> l.substring(0, l.length() - 1)).toList()),
                out -> !out.isEmpty() && !out.contains(" "));
        Eventually.until("traffic only to " + remaining, SWITCH, () -> String.join(" ", fetch("client", url, 6)),
                out -> Set.copyOf(List.of(out.split(" "))).equals(Set.of(remaining)));
        // hairpin: the endpoint reaches itself through its own Service
        assertEquals(List.of(remaining), fetch(remaining, url, 1));

        kubectl().run("scale", "deployment", "web", "--replicas=0").assertSuccess();
        Eventually.until("the cluster IP refusing connections", DockerCluster.WAIT,
                () -> kubectl().run("exec", "client", "--", "timeout", "5", "wget", "-q", "-O", "-", url).err(),
                err -> err.contains("Connection refused"));
    }

    @Test
    void containersGetServiceVariablesOfTheirNamespaceAndTheKubernetesService() {
        kubectl().run("create", "service", "clusterip", "db", "--tcp=5432:5432", "--tcp=9187:metrics").assertSuccess();
        String ip = kubectl().run("get", "service", "db", "-o", "jsonpath={.spec.clusterIP}").assertSuccess().out();
        kubectl().run("create", "namespace", "elsewhere").assertSuccess();
        kubectl().run("run", "env-here", "--image=" + cluster.image(), "--", "sleep", "3600").assertSuccess();
        kubectl().run("run", "env-there", "-n", "elsewhere", "--image=" + cluster.image(), "--", "sleep", "3600").assertSuccess();
        kubectl().runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: env-nolinks}
                spec:
                  enableServiceLinks: false
                  containers:
                  - name: c
                    image: %s
                    command: ["sleep", "3600"]
                    env:
                    - {name: DB_URL, value: "postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)"}
                """.formatted(cluster.image()), "apply", "-f", "-").assertSuccess();

        Set<String> here = env("default", "env-here");
        for (String expected : List.of("DB_SERVICE_HOST=" + ip, "DB_SERVICE_PORT=5432", "DB_SERVICE_PORT_5432_5432=5432",
                "DB_SERVICE_PORT_9187_METRICS=9187", "DB_PORT=tcp://" + ip + ":5432", "DB_PORT_5432_TCP=tcp://" + ip + ":5432",
                "DB_PORT_5432_TCP_PROTO=tcp", "DB_PORT_5432_TCP_PORT=5432", "DB_PORT_5432_TCP_ADDR=" + ip,
                "DB_PORT_9187_TCP=tcp://" + ip + ":9187", "DB_PORT_9187_TCP_ADDR=" + ip,
                "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443",
                "KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
                "KUBERNETES_PORT_443_TCP_PROTO=tcp", "KUBERNETES_PORT_443_TCP_PORT=443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1")) {
            assertTrue(here.contains(expected), expected + " in " + here);
        }
        // another namespace and enableServiceLinks: false get only the kubernetes service's
        Set<String> there = env("elsewhere", "env-there");
        assertTrue(there.contains("KUBERNETES_SERVICE_HOST=10.96.0.1"), there.toString());
        assertTrue(there.stream().noneMatch(v -> v.startsWith("DB_")), there.toString());
        Set<String> noLinks = env("default", "env-nolinks");
        assertTrue(noLinks.contains("KUBERNETES_SERVICE_HOST=10.96.0.1"), noLinks.toString());
        // without the link variables, $(DB_SERVICE_HOST) is not defined and stays as written
        assertTrue(noLinks.contains("DB_URL=postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)"), noLinks.toString());
        assertTrue(noLinks.stream().noneMatch(v -> v.startsWith("DB_SERVICE")), noLinks.toString());
        // the engine is shared: the pod outside default is deleted here, so its container is gone before the cluster stops
        kubectl().run("delete", "pod", "-n", "elsewhere", "env-there").assertSuccess();
        kubectl().run("delete", "namespace", "elsewhere", "--wait=false").assertSuccess();
    }

    private static Set<String> env(String namespace, String pod) {
        Eventually.until(pod + " running", DockerCluster.WAIT,
                () -> kubectl().run("get", "pod", "-n", namespace, pod, "-o", "jsonpath={.status.phase}").out(), "Running"::equals);
        return Set.copyOf(kubectl().run("exec", "-n", namespace, pod, "--", "env").assertSuccess().out().lines().toList());
    }

    /** The names of {@code count} ready pods of the web Deployment. */
    private static List<String> readyPods(int count) {
        String pods = Eventually.until(count + " ready pods", DockerCluster.WAIT, () -> kubectl().run("get", "pods", "-l", "app=web",
                "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.containerStatuses[0].ready}{\"\\n\"}{end}").out(),
                out -> out.lines().filter(l -> l.endsWith(" true")).count() == count);
        return pods.lines().map(l -> l.split(" ")[0]).sorted().toList();
    }

    /** What {@code times} requests from inside {@code pod} answer, one line (the serving pod's name) each. */
    private static List<String> fetch(String pod, String url, int times) {
        // busybox-static's wget crashes with -T, so timeout bounds each request
        String script = "for i in $(seq " + times + "); do timeout 5 wget -q -O - " + url + " || echo failed; done";
        return kubectl().run("exec", pod, "--", "sh", "-c", script).out().lines().map(String::strip).toList();
    }
}
