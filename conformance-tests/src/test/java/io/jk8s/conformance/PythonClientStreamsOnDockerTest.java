package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.conformance.support.DockerCluster;
import io.jk8s.conformance.support.PythonClient;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official Python client's streams against a pod on the Docker node: read_namespaced_pod_log
 * (whole, tail, follow) and kubernetes.stream's exec over its WebSocket channel protocol, whose
 * error channel carries the exit code. Simulated nodes run no processes, so there is nothing to stream.
 */
class PythonClientStreamsOnDockerTest {

    @RegisterExtension
    static final DockerCluster cluster = new DockerCluster();

    static PythonClient python;

    @BeforeAll
    static void client() throws Exception {
        PythonClient.requireInstalled();
        python = new PythonClient(cluster.server().kubeconfig(), Files.createTempDirectory("jk8s-python-home-"));
    }

    @Test
    void logsAndExec() {
        List<String> out = python.run("""
                import json, time
                from kubernetes import client, config
                from kubernetes.client.rest import ApiException
                from kubernetes.stream import stream
                config.load_kube_config()
                core = client.CoreV1Api()

                def show(label, value):
                    print(label, json.dumps(value))

                core.create_namespaced_pod("default", {"metadata": {"name": "talker"}, "spec": {
                    "terminationGracePeriodSeconds": 1,
                    "containers": [{"name": "talk", "image": "%s", "command": ["sh", "-c",
                        "echo first; echo second; echo third; while [ ! -e /tmp/go ]; do sleep 0.2; done; echo after-go; exec sleep 3600"]}]}})
                deadline = time.time() + 90
                while core.read_namespaced_pod("talker", "default").status.phase != "Running" and time.time() < deadline:
                    time.sleep(0.5)
                while "third" not in core.read_namespaced_pod_log("talker", "default") and time.time() < deadline:
                    time.sleep(0.5)
                show("log", core.read_namespaced_pod_log("talker", "default"))
                show("tail", core.read_namespaced_pod_log("talker", "default", container="talk", tail_lines=1))
                try:
                    core.read_namespaced_pod_log("talker", "default", container="nope")
                except ApiException as e:
                    body = json.loads(e.body)
                    show("unknown container", [e.status, body["reason"], body["message"]])

                follow = core.read_namespaced_pod_log("talker", "default", follow=True, _preload_content=False)
                lines = follow.stream(amt=1)
                buffered = b""
                def next_line():
                    global buffered
                    while b"\\n" not in buffered:
                        buffered += next(lines)
                    line, buffered = buffered.split(b"\\n", 1)
                    return line.decode()
                show("followed", [next_line() for _ in range(3)])
                show("exec", stream(core.connect_get_namespaced_pod_exec, "talker", "default", command=["touch", "/tmp/go"],
                        stderr=True, stdin=False, stdout=True, tty=False))
                show("followed after exec", next_line())
                follow.close()

                session = stream(core.connect_get_namespaced_pod_exec, "talker", "default",
                        command=["sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3"],
                        stderr=True, stdin=False, stdout=True, tty=False, _preload_content=False)
                session.run_forever(timeout=30)
                show("exec streams", [session.read_stdout(), session.read_stderr(), session.returncode])
                core.delete_namespaced_pod("talker", "default")
                """.formatted(cluster.image())).assertSuccess().lines();
        assertEquals(List.of(
                "log \"first\\nsecond\\nthird\\n\"",
                "tail \"third\\n\"",
                "unknown container [400, \"BadRequest\", \"container nope is not valid for pod talker\"]",
                "followed [\"first\", \"second\", \"third\"]",
                "exec \"\"",
                "followed after exec \"after-go\"",
                "exec streams [\"to-stdout\\n\", \"to-stderr\\n\", 3]"), out);
    }
}
