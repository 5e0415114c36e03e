package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.KubectlTerminal;
import io.jk8s.conformance.support.Http;
import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.testing.Kubectl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming subresources with real kubectl against pods on the Docker node: kube-apiserver's
 * pods/log, exec, attach, portforward and proxy, which the API server forwards to the kubelet's
 * HTTPS server (or, for proxy, to the pod) found through the Node object.
 */
class PodStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 8080");
    private static final Pattern SERVING = Pattern.compile("Starting to serve on 127\\.0\\.0\\.1:(\\d+)");

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster("--secure-port", "0");

    static Jk8sServer server;
    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        server = cluster.server();
        kubectl = cluster.kubectl();
        String image = cluster.image();
        // "talker" logs three lines, then one more once /tmp/go exists; "web" serves HTTP on 8080
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: talker, labels: {app: talker}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: talk
                    image: %1$s
                    env: [{name: GREETING, value: hello-from-the-spec}]
                    command: ["sh", "-c", "echo first; echo second; echo third >&2; while [ ! -e /tmp/go ]; do sleep 0.2; done; echo after-go; exec sleep 3600"]
                  - name: web
                    image: %1$s
                    command: ["sh", "-c", "echo served-by-jk8s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: listener}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: listen
                    image: %1$s
                    stdin: true
                    command: ["sh", "-c", "echo listening; while read line; do echo got $line; done"]
                """.formatted(image), "apply", "-f", "-").assertSuccess();
        Eventually.until("both pods Running", WAIT, () -> kubectl.run("get", "pods", "--no-headers").out(),
                out -> out.lines().filter(l -> l.matches("(talker\\s+2/2|listener\\s+1/1)\\s+Running\\s.*")).count() == 2);
    }

    @Test
    void logsShowTheContainersOutputWithTailAndContainerChoice() {
        String all = Eventually.until("three lines logged", () -> kubectl.run("logs", "talker", "-c", "talk").out(),
                out -> out.lines().count() >= 3);
        // stdout and stderr interleave in the log, as docker logs them
        assertEquals(List.of("first", "second", "third"), all.lines().limit(3).sorted().toList(), all);
        assertEquals(1, kubectl.run("logs", "talker", "-c", "talk", "--tail=1").assertSuccess().out().lines().count());
        Kubectl.Result raw = kubectl.run("get", "--raw", "/api/v1/namespaces/default/pods/talker/log");
        assertEquals("Error from server (BadRequest): a container name must be specified for pod talker, choose one of: [talk web]\n",
                raw.err(), raw.out());
        assertEquals("Error from server (BadRequest): container nope is not valid for pod talker\n",
                kubectl.run("get", "--raw", "/api/v1/namespaces/default/pods/talker/log?container=nope").err());
    }

    @Test
    void logsFollowStreamsNewLines() throws InterruptedException {
        try (Kubectl.Streaming follow = kubectl.stream("logs", "-f", "talker", "-c", "talk")) {
            List<String> firstThree = List.of(follow.nextLine(30), follow.nextLine(5), follow.nextLine(5));
            assertEquals(List.of("first", "second", "third"), firstThree.stream().sorted().toList());
            kubectl.run("exec", "talker", "-c", "talk", "--", "touch", "/tmp/go").assertSuccess();
            assertEquals("after-go", follow.nextLine(30));
            assertTrue(follow.process().isAlive(), "kubectl logs -f keeps following");
        }
    }

    @Test
    void logsOfAContainerThatCannotStartSayWhy() {
        kubectl.run("run", "missing", "--image=jk8s-test/not-there:1", "--image-pull-policy=Never").assertSuccess();
        Eventually.until("kubelet's waiting message", WAIT, () -> kubectl.run("logs", "missing").err(),
                err -> err.equals("Error from server (BadRequest): container \"missing\" in pod \"missing\" is waiting to start:"
                        + " ErrImageNeverPull\n"));
    }

    @Test
    void execShowsThePodsEnvironment() {
        String env = kubectl.run("exec", "talker", "-c", "talk", "--", "env").assertSuccess().out();
        assertTrue(env.lines().anyMatch("GREETING=hello-from-the-spec"::equals), env);
        assertTrue(env.lines().anyMatch("HOSTNAME=talker"::equals), env);
    }

    @Test
    void execPropagatesTheExitCode() {
        Kubectl.Result result = kubectl.run("exec", "talker", "-c", "talk", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, result.exitCode(), result.err());
        assertEquals("out\n", result.out());
        assertEquals("err\ncommand terminated with exit code 3\n", result.err());
    }

    @Test
    void execWithStdinPassesInputAndItsEnd() {
        Kubectl.Result result = kubectl.runWithInput("line one\nline two\n", "exec", "-i", "talker", "-c", "talk", "--",
                "sh", "-c", "cat; echo input-ended");
        assertEquals("line one\nline two\ninput-ended\n", result.assertSuccess().out());
    }

    @Test
    void execWithATerminalRunsTheCommandOnATty() throws IOException, InterruptedException {
        assumeTrue(KubectlTerminal.available(), "script(1) is needed to give kubectl a terminal");
        KubectlTerminal.Session session = KubectlTerminal.run(server.kubeconfig(),
                "exec", "-it", "talker", "-c", "talk", "--", "sh", "-c", "'tty; echo on-a-tty'");
        String seen = session.output();
        assertEquals(0, session.exitCode(), seen);
        // a TTY ends lines with CR LF
        assertTrue(seen.contains("/dev/pts/") && seen.contains("on-a-tty\r\n"), seen);
    }

    @Test
    void portForwardReachesTheContainersPort() throws InterruptedException {
        try (Kubectl.Streaming forward = kubectl.stream("port-forward", "pod/talker", ":8080")) {
            Matcher port = FORWARDING.matcher(forward.nextLine(60));
            assertTrue(port.find(), "kubectl prints the local port");
            for (int i = 0; i < 3; i++) {
                assertEquals("served-by-jk8s\n", Http.get("http://127.0.0.1:" + port.group(1) + "/"));
            }
        }
    }

    @Test
    void logsExecAndPortForwardWorkOverTheHttpsPortToo() throws InterruptedException {
        Kubectl admin = new Kubectl(server.kubeconfig().resolveSibling("admin.conf"), server.kubeconfig().resolveSibling("home-tls"));
        assertTrue(admin.run("logs", "talker", "-c", "talk").assertSuccess().out().contains("first"));
        Kubectl.Result exec = admin.runWithInput("over tls\n", "exec", "-i", "talker", "-c", "talk", "--", "sh", "-c", "cat; exit 4");
        assertEquals(4, exec.exitCode(), exec.err());
        assertEquals("over tls\n", exec.out());
        try (Kubectl.Streaming forward = admin.stream("port-forward", "pod/talker", ":8080")) {
            Matcher port = FORWARDING.matcher(forward.nextLine(60));
            assertTrue(port.find(), "kubectl prints the local port");
            assertEquals("served-by-jk8s\n", Http.get("http://127.0.0.1:" + port.group(1) + "/"));
        }
    }

    @Test
    void kubectlProxyReachesThePodAndTheServiceThroughTheApi() throws InterruptedException {
        kubectl.run("expose", "pod", "talker", "--name=talker-web", "--port=80", "--target-port=8080").assertSuccess();
        try (Kubectl.Streaming proxy = kubectl.stream("proxy", "--port=0")) {
            Matcher port = SERVING.matcher(proxy.nextLine(30));
            assertTrue(port.find(), "kubectl proxy prints its port");
            String api = "http://127.0.0.1:" + port.group(1) + "/api/v1/namespaces/default/";
            assertEquals("served-by-jk8s\n", Http.get(api + "pods/talker/proxy/"));
            assertEquals("served-by-jk8s\n", Http.get(api + "pods/talker:8080/proxy/index.html"));
            Eventually.until("the service's endpoints answer", WAIT, () -> Http.get(api + "services/talker-web/proxy/"),
                    "served-by-jk8s\n"::equals);
        }
    }

    @Test
    void theFabric8ClientExecsAndForwardsPorts() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ExecWatch exec = client.pods().withName("talker").inContainer("talk").writingOutput(out)
                    .exec("sh", "-c", "echo from-fabric8; exit 4")) {
                assertEquals(4, exec.exitCode().get(30, TimeUnit.SECONDS));
            }
            assertEquals("from-fabric8\n", out.toString(StandardCharsets.UTF_8));
            try (LocalPortForward forward = client.pods().withName("talker").portForward(8080)) {
                assertEquals("served-by-jk8s\n", Http.get("http://127.0.0.1:" + forward.getLocalPort() + "/"));
            }
        }
    }

    @Test
    void attachSendsInputToTheContainersOwnProcess() {
        Kubectl.Result attached = kubectl.runWithInput("hello\n", "attach", "-i", "listener");
        assertEquals(0, attached.exitCode(), attached.err());
        Eventually.until("the container read the line", () -> kubectl.run("logs", "listener").out(),
                out -> out.equals("listening\ngot hello\n"));
    }
}
