package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Http;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.testing.Kubectl;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kube-proxy role: a NodePort Service answers on 127.0.0.1:nodePort from its ready pods. */
class NodePortOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    private static Kubectl kubectl() {
        return cluster.kubectl();
    }

    @Test
    void anExposedDeploymentAnswersOnItsNodePortFromEveryPodUntilScaledToZero() {
        kubectl().run("create", "deployment", "web", "--image=" + cluster.image(), "--replicas=2", "--",
                "sh", "-c", "hostname > /www/index.html && exec httpd -f -p 8080 -h /www").assertSuccess();
        assertEquals("service/web exposed\n", kubectl().run("expose", "deployment", "web", "--type=NodePort", "--port=80",
                "--target-port=8080").assertSuccess().out());
        String nodePort = kubectl().run("get", "service", "web", "-o", "jsonpath={.spec.ports[0].nodePort}").assertSuccess().out();
        String url = "http://127.0.0.1:" + nodePort + "/";
        String pods = Eventually.until("two ready pods", DockerCluster.WAIT, () -> kubectl().run("get", "pods", "-l", "app=web",
                "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.containerStatuses[0].ready}{\"\\n\"}{end}").out(),
                out -> out.lines().filter(l -> l.endsWith(" true")).count() == 2);
        Set<String> names = new TreeSet<>(pods.lines().map(l -> l.split(" ")[0]).toList());
        // round robin over the ready endpoints: a few requests reach both pods
        Eventually.until("answers from both pods", DockerCluster.WAIT, () -> {
            Set<String> seen = new TreeSet<>();
            for (int i = 0; i < 4; i++) {
                seen.add(get(url).strip());
            }
            return String.join(" ", seen);
        }, String.join(" ", names)::equals);

        kubectl().run("scale", "deployment", "web", "--replicas=0").assertSuccess();
        Eventually.until("the node port refusing or resetting connections", DockerCluster.WAIT, () -> get(url),
                out -> out.startsWith("failed: "));
    }

    private static String get(String url) {
        try {
            return Http.get(url);
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }
}
