package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests of {@code kind: List}, as {@code kubectl get -o yaml} writes them. kubectl validates
 * each item on the client side against the OpenAPI v2 document, which it fetches only as gnostic
 * protobuf ({@code GET /openapi/v2}, Accept {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}).
 */
class ListManifestsTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none");

    private final Kubectl kubectl = cluster.kubectl();

    @TempDir
    Path dir;

    @Test
    void createAndApplyAListOfPodsAndConfigMaps() throws IOException {
        kubectl.run("create", "namespace", "lists").assertSuccess();
        Path pods = write("pods.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "lists"}, "data": {"mode": "fast"}},
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "lists"},
                   "spec": {"containers": [{"name": "web", "image": "nginx"}]}}
                ]}
                """);
        assertEquals("configmap/settings created\npod/web created\n", kubectl.run("create", "-f", pods.toString()).assertSuccess().out());

        Path more = write("more.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: extra, namespace: lists}
                  data: {mode: slow}
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: worker, namespace: lists}
                  spec:
                    containers:
                    - {name: worker, image: busybox}
                """);
        assertEquals("configmap/extra created\npod/worker created\n", kubectl.run("apply", "-f", more.toString()).assertSuccess().out());
        assertEquals("configmap/extra unchanged\npod/worker unchanged\n", kubectl.run("apply", "-f", more.toString()).assertSuccess().out());
        assertEquals("slow fast", kubectl.run("get", "configmap", "extra", "settings", "-n", "lists",
                "-o", "jsonpath={.items[*].data.mode}").assertSuccess().out());
        assertEquals("web worker", kubectl.run("get", "pods", "-n", "lists", "-o", "jsonpath={.items[*].metadata.name}").assertSuccess().out());
    }

    @Test
    void getAsYamlDeleteAllAndApplyRoundTrips() throws IOException {
        kubectl.run("create", "namespace", "roundtrip").assertSuccess();
        kubectl.run("run", "web", "--image=nginx", "-n", "roundtrip", "--labels=app=web").assertSuccess();
        kubectl.run("run", "db", "--image=redis", "-n", "roundtrip").assertSuccess();
        String before = kubectl.run("get", "pods", "-n", "roundtrip", "-o", "jsonpath={.items[*].metadata.uid}").assertSuccess().out();

        Path saved = write("pods.yaml", kubectl.run("get", "pods", "-n", "roundtrip", "-o", "yaml").assertSuccess().out());
        assertEquals("pod \"db\" deleted\npod \"web\" deleted\n", kubectl.run("delete", "pods", "--all", "-n", "roundtrip").assertSuccess().out());
        assertEquals("pod/db created\npod/web created\n", kubectl.run("apply", "-f", saved.toString()).assertSuccess().out());

        assertEquals("db=redis web=nginx ", kubectl.run("get", "pods", "-n", "roundtrip", "-o",
                "jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}").assertSuccess().out());
        assertEquals("web", kubectl.run("get", "pods", "-l", "app=web", "-n", "roundtrip", "-o", "name").assertSuccess().out().replace("pod/", "").strip());
        // new objects: the saved uids and resourceVersions were the old pods'
        assertNotEquals(before, kubectl.run("get", "pods", "-n", "roundtrip", "-o", "jsonpath={.items[*].metadata.uid}").assertSuccess().out());
    }

    /** kube-openapi's messages (pkg/util/proto/validation), aggregated over the items, and nothing is created. */
    @Test
    void anUnknownFieldInAListItemFailsClientSideValidation() throws IOException {
        kubectl.run("create", "namespace", "invalid").assertSuccess();
        Path bad = write("bad.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "typo", "namespace": "invalid"}, "data": {"a": "b"}, "bogus": 1},
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "typo", "namespace": "invalid"},
                   "spec": {"containers": [{"name": "web", "image": "nginx", "imagePullPolicyX": "Always"}]}}
                ]}
                """);
        String expected = "error: error validating \"" + bad + "\": error validating data: ["
                + "ValidationError(ConfigMap): unknown field \"bogus\" in io.k8s.api.core.v1.ConfigMap, "
                + "ValidationError(Pod.spec.containers[0]): unknown field \"imagePullPolicyX\" in io.k8s.api.core.v1.Container]; "
                + "if you choose to ignore these errors, turn validation off with --validate=false\n";
        for (String verb : new String[] {"create", "apply"}) {
            Kubectl.Result rejected = kubectl.run(verb, "-f", bad.toString());
            assertEquals(1, rejected.exitCode(), verb);
            assertEquals(expected, rejected.err(), verb);
        }
        assertEquals("Error from server (NotFound): configmaps \"typo\" not found\nError from server (NotFound): pods \"typo\" not found\n",
                kubectl.run("get", "configmap/typo", "pod/typo", "-n", "invalid").err());

        Path missing = write("missing.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: nameless, namespace: invalid}
                  spec:
                    containers:
                    - image: nginx
                """);
        assertEquals("error: error validating \"" + missing + "\": error validating data: "
                        + "ValidationError(Pod.spec.containers[0]): missing required field \"name\" in io.k8s.api.core.v1.Container; "
                        + "if you choose to ignore these errors, turn validation off with --validate=false\n",
                kubectl.run("create", "-f", missing.toString()).err());

        // without client-side validation the server ignores the unknown fields, as --validate=false asks
        assertEquals("configmap/typo created\npod/typo created\n",
                kubectl.run("create", "--validate=false", "-f", bad.toString()).assertSuccess().out());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
