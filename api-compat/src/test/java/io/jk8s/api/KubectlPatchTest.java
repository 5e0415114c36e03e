package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.testing.Kubectl;
import io.jk8s.api.testing.KubectlServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commands that change an object in place (apply, label, annotate, patch, edit, diff), with the real kubectl. */
class KubectlPatchTest {

    @RegisterExtension
    static final KubectlServer cluster = new KubectlServer();

    @Test
    void applyThreeRoundsAddsAndRemovesKeys() {
        Path file = configMap("applied", "  a: one\n");
        assertEquals("configmap/applied created\n", cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess().out());
        configMap("applied", "  a: one\n  b: two\n");
        assertEquals("configmap/applied configured\n", cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess().out());
        assertEquals("{\"a\":\"one\",\"b\":\"two\"}", data("applied"));
        // the key left out of the file is deleted: apply sends it as null, computed from last-applied-configuration
        configMap("applied", "  b: two\n");
        assertEquals("configmap/applied configured\n", cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess().out());
        assertEquals("{\"b\":\"two\"}", data("applied"));
        assertEquals("configmap/applied unchanged\n", cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess().out());
    }

    @Test
    void labelAndAnnotate() {
        cluster.kubectl().run("create", "configmap", "labelled").assertSuccess();
        assertEquals("configmap/labelled labeled\n", cluster.kubectl().run("label", "cm", "labelled", "a=b").assertSuccess().out());
        Kubectl.Result refused = cluster.kubectl().run("label", "cm", "labelled", "a=c");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("'a' already has a value (b), and --overwrite is false"), refused.err());
        cluster.kubectl().run("label", "cm", "labelled", "a=c", "--overwrite").assertSuccess();
        cluster.kubectl().run("annotate", "cm", "labelled", "note=hello").assertSuccess();
        assertEquals("c hello", cluster.kubectl().run("get", "cm", "labelled", "-o",
                "jsonpath={.metadata.labels.a} {.metadata.annotations.note}").assertSuccess().out());
        cluster.kubectl().run("label", "cm", "labelled", "a-").assertSuccess();
        assertEquals("", cluster.kubectl().run("get", "cm", "labelled", "-o", "jsonpath={.metadata.labels}").assertSuccess().out());
    }

    @Test
    void patchTypes() {
        cluster.kubectl().run("create", "configmap", "patched", "--from-literal=a=1", "--from-literal=b=2").assertSuccess();
        assertEquals("configmap/patched patched\n",
                cluster.kubectl().run("patch", "cm", "patched", "--type", "merge", "-p", "{\"data\":{\"c\":\"3\"}}").assertSuccess().out());
        cluster.kubectl().run("patch", "cm", "patched", "--type", "json", "-p", "[{\"op\":\"remove\",\"path\":\"/data/a\"}]").assertSuccess();
        cluster.kubectl().run("patch", "cm", "patched", "--type", "strategic", "-p", "{\"data\":{\"b\":null,\"d\":\"4\"}}").assertSuccess();
        assertEquals("{\"c\":\"3\",\"d\":\"4\"}", data("patched"));
        assertEquals("configmap/patched patched (no change)\n",
                cluster.kubectl().run("patch", "cm", "patched", "-p", "{\"data\":{\"c\":\"3\"}}").assertSuccess().out());

        Kubectl.Result missing = cluster.kubectl().run("patch", "cm", "patched", "--type", "json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/data/nope\"}]");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("Error from server (Invalid)") || missing.err().contains("The request is invalid"),
                missing.err());

        assertEquals("{\"c\":\"3\",\"d\":\"4\",\"e\":\"5\"}", cluster.kubectl().run("patch", "cm", "patched", "--type", "merge",
                "-p", "{\"data\":{\"e\":\"5\"}}", "--dry-run=server", "-o", "jsonpath={.data}").assertSuccess().out());
        assertEquals("{\"c\":\"3\",\"d\":\"4\"}", data("patched"));
    }

    @Test
    void editWithAScriptedEditor() {
        cluster.kubectl().run("create", "configmap", "edited", "--from-literal=greeting=hello").assertSuccess();
        assertEquals("configmap/edited edited\n",
                cluster.kubectl().run(Map.of("EDITOR", "sed -i s/hello/bye/"), "edit", "cm", "edited").assertSuccess().out());
        assertEquals("{\"greeting\":\"bye\"}", data("edited"));
    }

    @Test
    void diffUsesServerDryRun() {
        Path file = configMap("diffed", "  a: one\n");
        Kubectl.Result absent = cluster.kubectl().run("diff", "-f", file.toString());
        assertEquals(1, absent.exitCode(), absent.err());
        assertTrue(absent.out().contains("+  a: one"), absent.out());
        assertEquals(1, cluster.kubectl().run("get", "cm", "diffed").exitCode(), "diff must not create");

        cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess();
        Kubectl.Result same = cluster.kubectl().run("diff", "-f", file.toString());
        assertEquals(0, same.exitCode(), same.err() + same.out());
        assertEquals("", same.out());

        configMap("diffed", "  a: two\n");
        Kubectl.Result changed = cluster.kubectl().run("diff", "-f", file.toString());
        assertEquals(1, changed.exitCode(), changed.err());
        assertTrue(changed.out().contains("-  a: one") && changed.out().contains("+  a: two"), changed.out());
        assertEquals("{\"a\":\"one\"}", data("diffed"));
    }

    @Test
    void scaleAndStatusPatches() {
        cluster.kubectl().run("create", "deployment", "scaled", "--image=nginx").assertSuccess();
        assertEquals("deployment.apps/scaled scaled\n",
                cluster.kubectl().run("scale", "deployment", "scaled", "--replicas=3").assertSuccess().out());
        // through /status only the status changes, whatever else the patch says
        cluster.kubectl().run("patch", "deployment", "scaled", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"observedGeneration\":7},\"spec\":{\"replicas\":9}}").assertSuccess();
        assertEquals("3 7", cluster.kubectl().run("get", "deployment", "scaled", "-o",
                "jsonpath={.spec.replicas} {.status.observedGeneration}").assertSuccess().out());
        cluster.kubectl().run("patch", "deployment", "scaled", "--subresource=scale", "--type=json",
                "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]").assertSuccess();
        assertEquals("2", cluster.kubectl().run("get", "deployment", "scaled", "-o", "jsonpath={.spec.replicas}")
                .assertSuccess().out());
    }

    @Test
    void wireRulesForPatch() throws Exception {
        cluster.kubectl().run("create", "configmap", "wire", "--from-literal=a=1").assertSuccess();
        String path = "/api/v1/namespaces/default/configmaps/wire";
        HttpResponse<String> anonymous = patch(path, "application/apply-patch+yaml", "data: {a: '2'}");
        assertEquals(422, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.body().contains("PatchOptions.meta.k8s.io \\\"\\\" is invalid: fieldManager: Required value: "
                + "is required for apply patch"), anonymous.body());
        HttpResponse<String> forcedPatch = patch(path + "?force=true", "application/merge-patch+json", "{}");
        assertTrue(forcedPatch.body().contains("force: Forbidden: may not be specified for non-apply patch"), forcedPatch.body());
        HttpResponse<String> unknownType = patch(path, "application/yaml", "data: {a: '2'}");
        assertEquals(415, unknownType.statusCode(), unknownType.body());
        assertTrue(unknownType.body().contains("\"reason\":\"UnsupportedMediaType\""), unknownType.body());

        HttpResponse<String> stale = patch(path, "application/merge-patch+json", "{\"metadata\":{\"resourceVersion\":\"1\"}}");
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("\"reason\":\"Conflict\""), stale.body());

        HttpResponse<String> notJson = patch(path, "application/merge-patch+json", "{nope");
        assertEquals(400, notJson.statusCode(), notJson.body());

        HttpResponse<String> strict = patch(path + "?fieldValidation=Strict", "application/merge-patch+json", "{\"spec\":{\"x\":1}}");
        assertEquals(422, strict.statusCode(), strict.body());
        assertTrue(strict.body().contains("strict decoding error: unknown field \\\"spec\\\""), strict.body());

        HttpResponse<String> warned = patch(path, "application/merge-patch+json", "{\"spec\":{\"x\":1}}");
        assertEquals(200, warned.statusCode(), warned.body());
        assertEquals("299 - \"unknown field \\\"spec\\\"\"", warned.headers().firstValue("Warning").orElse(""));
        assertTrue(!warned.body().contains("\"spec\""), "unknown fields are dropped: " + warned.body());
    }

    private static HttpResponse<String> patch(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.server().url() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String data(String name) {
        return cluster.kubectl().run("get", "cm", name, "-o", "jsonpath={.data}").assertSuccess().out();
    }

    private static Path configMap(String name, String data) {
        return cluster.file(name + ".yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data);
    }
}
