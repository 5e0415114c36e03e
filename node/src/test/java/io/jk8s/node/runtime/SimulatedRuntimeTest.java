package io.jk8s.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated runtime moves containers through the same states as Docker, with no containers. */
class SimulatedRuntimeTest {

    private final SimulatedRuntime runtime = new SimulatedRuntime("10.245.7");

    @Test
    void sandboxesGetDistinctIpsOfTheNodeSubnetAndAreReusedPerAttempt() {
        PodSandboxConfig a = PodSandboxConfig.of("default", "a", "uid-a");
        PodSandbox first = runtime.runPodSandbox(a);
        PodSandbox second = runtime.runPodSandbox(PodSandboxConfig.of("default", "b", "uid-b"));
        assertEquals("10.245.7.1", first.ip());
        assertEquals("10.245.7.2", second.ip());
        assertEquals(first, runtime.runPodSandbox(a));
        runtime.removePodSandbox(first.id());
        assertEquals("10.245.7.1", runtime.runPodSandbox(PodSandboxConfig.of("default", "c", "uid-c")).ip());
    }

    @Test
    void jobLikeCommandsExitWithTheirCodeAndOthersRunUntilStopped() throws Exception {
        PodSandbox pod = runtime.runPodSandbox(PodSandboxConfig.of("default", "job", "uid-job"));
        String echo = start(pod, ContainerConfig.of("echo", "busybox", "sh", "-c", "echo 'hello world'"));
        String fail = start(pod, ContainerConfig.of("fail", "busybox", "sh", "-c", "exit 3"));
        String server = start(pod, ContainerConfig.of("server", "nginx").withEnv(Map.of("A", "1")));

        ContainerStatus echoed = runtime.containerStatus(echo).orElseThrow();
        assertEquals(ContainerStatus.State.EXITED, echoed.state());
        assertEquals("Completed", echoed.reason());
        assertEquals(3, runtime.containerStatus(fail).orElseThrow().exitCode());
        assertEquals(ContainerStatus.State.RUNNING, runtime.containerStatus(server).orElseThrow().state());
        assertEquals(3, runtime.listContainers("uid-job").size());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.logs(echo, LogOptions.all(), out, out).awaitCompletion(Duration.ofSeconds(1));
        assertEquals("hello world\n", out.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream env = new ByteArrayOutputStream();
        assertEquals(0, runtime.exec(server, ExecRequest.of("env"), env, env).awaitExitCode(Duration.ofSeconds(1)));
        assertEquals("A=1\n", env.toString(StandardCharsets.UTF_8));

        StreamHandle follow = runtime.logs(server, LogOptions.all().following(), out, out);
        assertFalse(follow.awaitCompletion(Duration.ofMillis(50)), "following a running container waits");
        runtime.stopContainer(server, Duration.ofSeconds(30));
        assertTrue(follow.awaitCompletion(Duration.ofSeconds(1)));
        ContainerStatus stopped = runtime.containerStatus(server).orElseThrow();
        assertEquals(ContainerStatus.State.EXITED, stopped.state());
        assertNotEquals(0, stopped.exitCode());
    }

    private String start(PodSandbox pod, ContainerConfig config) {
        String id = runtime.createContainer(pod.id(), config);
        runtime.startContainer(id);
        return id;
    }
}
