package io.jk8s.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.jk8s.node.testing.BusyboxImage;
import io.jk8s.node.testing.TestDocker;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pods on the real Docker engine, as the kubelet will run them. */
class DockerRuntimeTest {

    private static final String HTTPD_SCRIPT =
            "echo hello-from-the-pod > /www/index.html && exec httpd -f -p 80 -h /www";

    private DockerClient docker;
    private DockerRuntime runtime;
    private String busybox;
    private final List<String> podUids = new ArrayList<>();

    @BeforeEach
    void connect() {
        docker = TestDocker.client();
        busybox = BusyboxImage.ensure(docker);
        runtime = DockerRuntime.start();
    }

    @AfterEach
    void removePods() {
        if (runtime == null) {
            return; // skipped: no engine
        }
        for (String uid : podUids) {
            runtime.listContainers(uid).forEach(c -> runtime.removeContainer(c.id()));
            runtime.listPodSandboxes().stream().filter(s -> uid.equals(s.podUid()))
                    .forEach(s -> runtime.removePodSandbox(s.id()));
        }
        runtime.close();
    }

    @Test
    void twoContainersShareTheSandboxIpAndLocalhostAndTheHostReachesThePodIp() throws Exception {
        long start = System.nanoTime();
        PodSandbox pod = runtime.runPodSandbox(pod("web"));
        String httpd = run(pod, ContainerConfig.of("httpd", busybox, "sh", "-c", HTTPD_SCRIPT));
        String shell = run(pod, ContainerConfig.of("shell", busybox, "sh", "-c",
                "until wget -qO- http://localhost:80/; do sleep 0.1; done; exec sleep 3600"));
        System.out.printf("pod with 2 containers running in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertTrue(pod.ip().startsWith("10.244."), pod.ip());
        eventually(() -> logs(shell, LogOptions.all()).contains("hello-from-the-pod"));
        assertEquals("web\n", exec(shell, "hostname").output());
        String shellAddresses = exec(shell, "ip", "-4", "addr", "show", "eth0").output();
        String httpdAddresses = exec(httpd, "ip", "-4", "addr", "show", "eth0").output();
        assertTrue(shellAddresses.contains("inet " + pod.ip() + "/16"), shellAddresses);
        assertEquals(shellAddresses, httpdAddresses);

        HttpResponse<String> fromHost = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + pod.ip() + ":80/index.html"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("hello-from-the-pod\n", fromHost.body());
    }

    @Test
    void logsTailFollowTimestampsAndStderr() throws Exception {
        PodSandbox pod = runtime.runPodSandbox(pod("logs"));
        // stdout and stderr reach Docker through separate pipes, so their relative order is not
        // defined; the stderr line comes only after the trigger, when stdout is done.
        String id = run(pod, ContainerConfig.of("talker", busybox, "sh", "-c",
                "for i in 1 2 3 4 5; do echo line$i; done;"
                        + " until [ -f /tmp/go ]; do sleep 0.05; done; echo late; echo oops >&2; exec sleep 3600"));
        eventually(() -> logs(id, LogOptions.all()).contains("line5"));

        assertEquals("line4\nline5\n", logs(id, LogOptions.all().tail(2)));
        assertTrue(logs(id, LogOptions.all().withTimestamps().tail(1)).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z line5\n"));
        assertEquals("", logs(id, LogOptions.all().since(Instant.now().plusSeconds(3600))));

        ByteArrayOutputStream followed = new ByteArrayOutputStream();
        try (StreamHandle follow = runtime.logs(id, LogOptions.all().following().tail(1), followed, followed)) {
            assertTrue(!follow.awaitCompletion(Duration.ofMillis(300)), "a followed log of a running container stays open");
            assertEquals(0, exec(id, "touch", "/tmp/go").exitCode());
            // late (stdout) and oops (stderr) may arrive in either order
            eventually(() -> List.of("line5\nlate\noops\n", "line5\noops\nlate\n")
                    .contains(followed.toString(StandardCharsets.UTF_8)));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        eventually(() -> {
            out.reset();
            err.reset();
            try (StreamHandle all = runtime.logs(id, LogOptions.all(), out, err)) {
                all.awaitCompletion(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return err.toString(StandardCharsets.UTF_8).equals("oops\n");
        });
        assertEquals("line1\nline2\nline3\nline4\nline5\nlate\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void execSeesTheContainerEnvAndReturnsExitCodesStdinAndTty() throws Exception {
        PodSandbox pod = runtime.runPodSandbox(pod("exec"));
        String id = run(pod, ContainerConfig.of("app", busybox, "sleep", "3600").withEnv(Map.of("GREETING", "hi there")));

        assertTrue(exec(id, "env").output().contains("GREETING=hi there\n"));
        assertEquals(3, exec(id, "sh", "-c", "exit 3").exitCode());
        assertEquals(127, exec(id, "sh", "-c", "no-such-command").exitCode());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecSession cat = runtime.exec(id, new ExecRequest(List.of("cat"), true, false), out, out);
        cat.stdin().write("through stdin\n".getBytes(StandardCharsets.UTF_8));
        cat.stdin().close();
        assertEquals(0, cat.awaitExitCode(Duration.ofSeconds(10)));
        assertEquals("through stdin\n", out.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ExecSession tty = runtime.exec(id, new ExecRequest(List.of("sh", "-c", "read x; stty size; tty"), true, true),
                terminal, terminal);
        tty.resize(100, 40);
        tty.stdin().write("\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, tty.awaitExitCode(Duration.ofSeconds(10)));
        String screen = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(screen.contains("40 100\r\n") && screen.contains("/dev/pts/"), screen);
        tty.close();
    }

    @Test
    void stopSendsSigtermThenSigkillAfterTheGracePeriod() {
        PodSandbox pod = runtime.runPodSandbox(pod("stop"));
        String stubborn = run(pod, ContainerConfig.of("stubborn", busybox, "sh", "-c",
                "trap '' TERM; echo ready; while true; do sleep 0.1; done"));
        String polite = run(pod, ContainerConfig.of("polite", busybox, "sh", "-c",
                "trap 'exit 0' TERM; echo ready; while true; do sleep 0.1; done"));
        eventually(() -> logs(stubborn, LogOptions.all()).contains("ready") && logs(polite, LogOptions.all()).contains("ready"));

        long start = System.nanoTime();
        runtime.stopContainer(polite, Duration.ofSeconds(10));
        long politeMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        runtime.stopContainer(stubborn, Duration.ofSeconds(2));
        long stubbornMillis = (System.nanoTime() - start) / 1_000_000;

        ContainerStatus politeStatus = runtime.containerStatus(polite).orElseThrow();
        ContainerStatus stubbornStatus = runtime.containerStatus(stubborn).orElseThrow();
        assertTrue(politeMillis < 2000, "SIGTERM ends a process that handles it at once: " + politeMillis + " ms");
        assertEquals(0, politeStatus.exitCode());
        assertEquals("Completed", politeStatus.reason());
        assertTrue(stubbornMillis >= 1900 && stubbornMillis < 6000, "SIGKILL after the 2 s grace: " + stubbornMillis + " ms");
        assertEquals(ContainerStatus.State.EXITED, stubbornStatus.state());
        assertEquals(137, stubbornStatus.exitCode()); // 128 + SIGKILL
        assertEquals("Error", stubbornStatus.reason());
        runtime.stopContainer(stubborn, Duration.ofSeconds(2)); // again: not an error (CRI)
    }

    @Test
    void aNewRuntimeInstanceAdoptsRunningPodsInsteadOfRecreatingThem() {
        PodSandboxConfig config = pod("survivor");
        PodSandbox sandbox = runtime.runPodSandbox(config);
        String app = run(sandbox, ContainerConfig.of("app", busybox, "sleep", "3600").withAttempt(2));
        runtime.close();

        runtime = DockerRuntime.start(); // the node process restarted
        List<ContainerStatus> found = runtime.listContainers(config.podUid());
        assertEquals(1, found.size());
        ContainerStatus status = found.get(0);
        assertEquals(app, status.id());
        assertEquals(sandbox.id(), status.sandboxId());
        assertEquals("app", status.name());
        assertEquals("survivor", status.podName());
        assertEquals(2, status.attempt());
        assertEquals(ContainerStatus.State.RUNNING, status.state());
        assertTrue(runtime.listPodSandboxes().stream().anyMatch(s -> s.id().equals(sandbox.id()) && s.ready()
                && sandbox.ip().equals(s.ip())));
        assertEquals(sandbox, runtime.runPodSandbox(config), "the same pod and attempt gets the running sandbox back");
    }

    private PodSandboxConfig pod(String name) {
        String uid = UUID.randomUUID().toString();
        podUids.add(uid);
        return PodSandboxConfig.of("default", name, uid);
    }

    private String run(PodSandbox pod, ContainerConfig container) {
        String id = runtime.createContainer(pod.id(), container);
        runtime.startContainer(id);
        return id;
    }

    private String logs(String id, LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamHandle handle = runtime.logs(id, options, out, out)) {
            assertTrue(handle.awaitCompletion(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private record Result(int exitCode, String output) {}

    private Result exec(String id, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecSession session = runtime.exec(id, ExecRequest.of(command), out, out)) {
            int code = session.awaitExitCode(Duration.ofSeconds(10));
            return new Result(code, out.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void eventually(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
