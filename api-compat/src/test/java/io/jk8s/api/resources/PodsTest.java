package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.testing.Kubectl;
import io.jk8s.api.testing.KubectlServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pods as the tutorials use them: kubectl run, the pod table, kube's defaults and validation. */
class PodsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PODS = "/api/v1/namespaces/default/pods";

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @BeforeAll
    static void start() {
        api.kubectl().run("run", "nginx", "--image=nginx").assertSuccess();
    }

    @Test
    void getPodsShowsThePendingPod() {
        List<String> lines = api.kubectl().run("get", "pods").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("nginx\\s+0/1\\s+Pending\\s+0\\s+\\d+s")), lines.toString());
    }

    @Test
    void wideAddsIpNodeNominatedNodeAndReadinessGates() {
        List<String> lines = api.kubectl().run("get", "po", "nginx", "-o", "wide").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES"),
                lines.toString());
        assertTrue(lines.get(1).matches("nginx\\s+0/1\\s+Pending\\s+0\\s+\\d+s\\s+<none>\\s+<none>\\s+<none>\\s+<none>"),
                lines.toString());
    }

    @Test
    void yamlShowsKubesDefaults() {
        String yaml = api.kubectl().run("get", "pod", "nginx", "-o", "yaml").assertSuccess().out();
        for (String expected : List.of("run: nginx", "imagePullPolicy: Always", "terminationMessagePath: /dev/termination-log",
                "terminationMessagePolicy: File", "resources: {}", "dnsPolicy: ClusterFirst", "enableServiceLinks: true",
                "preemptionPolicy: PreemptLowerPriority", "priority: 0", "restartPolicy: Always",
                "schedulerName: default-scheduler", "securityContext: {}", "serviceAccount: default",
                "serviceAccountName: default", "terminationGracePeriodSeconds: 30", "key: node.kubernetes.io/not-ready",
                "tolerationSeconds: 300", "phase: Pending", "qosClass: BestEffort")) {
            assertTrue(yaml.contains(expected), expected + " missing in\n" + yaml);
        }
    }

    @Test
    void taggedImagesArePulledIfNotPresent() {
        api.kubectl().run("run", "pinned", "--image=busybox:1.36", "--", "sleep", "3600").assertSuccess();
        assertEquals("IfNotPresent", api.kubectl().run("get", "pod", "pinned", "-o",
                "jsonpath={.spec.containers[0].imagePullPolicy}").assertSuccess().out());
    }

    @Test
    void invalidPodIsRejectedWithEveryCause() throws Exception {
        HttpResponse<String> response = api.server().send("POST", PODS, null, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad","labels":{"app":"bad value!"}},
                 "spec":{"containers":[{"name":"a"},{"name":"a","image":"busybox"}]}}""");
        assertEquals(422, response.statusCode(), response.body());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("Invalid", status.get("reason").asText());
        assertTrue(status.get("message").asText().startsWith("Pod \"bad\" is invalid: [metadata.labels: Invalid value: "
                + "\"bad value!\": a valid label must be an empty string"), status.toString());
        assertTrue(status.get("message").asText().contains("spec.containers[0].image: Required value"), status.toString());
        assertTrue(status.get("message").asText().endsWith("spec.containers[1].name: Duplicate value: \"a\"]"), status.toString());
        assertEquals(3, status.get("details").get("causes").size());
    }

    @Test
    void podSpecIsImmutableExceptImages() throws Exception {
        JsonNode pod = JSON.readTree(api.server().send("GET", PODS + "/nginx", null, null).body());
        ((ObjectNode) pod.get("spec")).put("restartPolicy", "Never");
        HttpResponse<String> response = api.server().send("PUT", PODS + "/nginx", null, pod.toString());
        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("spec: Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`"), response.body());

        JsonNode fresh = JSON.readTree(api.server().send("GET", PODS + "/nginx", null, null).body());
        ((ObjectNode) fresh.get("spec").get("containers").get(0)).put("image", "nginx:1.27");
        assertEquals(200, api.server().send("PUT", PODS + "/nginx", null, fresh.toString()).statusCode());
        assertEquals("nginx:1.27", api.kubectl().run("get", "pod", "nginx", "-o", "jsonpath={.spec.containers[0].image}")
                .assertSuccess().out());
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() throws Exception {
        api.kubectl().run("run", "status-demo", "--image=nginx").assertSuccess();
        String path = PODS + "/status-demo";
        JsonNode pod = JSON.readTree(api.server().send("GET", path, null, null).body());
        ((ObjectNode) pod.get("status")).put("phase", "Running");
        ((ObjectNode) pod.get("spec")).put("nodeName", "ignored");
        HttpResponse<String> main = api.server().send("PUT", path, null, pod.toString());
        // the spec change is refused as usual; put the spec back and the status change is silently ignored
        assertEquals(422, main.statusCode(), main.body());

        JsonNode fresh = JSON.readTree(api.server().send("GET", path, null, null).body());
        ((ObjectNode) fresh.get("status")).put("phase", "Running");
        assertEquals("Pending", JSON.readTree(api.server().send("PUT", path, null, fresh.toString()).body())
                .get("status").get("phase").asText());

        ((ObjectNode) fresh.get("spec")).put("nodeName", "ignored");
        JsonNode written = JSON.readTree(api.server().send("PUT", path + "/status", null, fresh.toString()).body());
        assertEquals("Running", written.get("status").get("phase").asText());
        assertTrue(written.get("spec").path("nodeName").isMissingNode(), written.toString());
        assertEquals("Running", JSON.readTree(api.server().send("GET", path + "/status", null, null).body())
                .get("status").get("phase").asText());
    }

    @Test
    void bindingAssignsTheNodeOnce() throws Exception {
        api.kubectl().run("run", "to-bind", "--image=nginx").assertSuccess();
        String binding = """
                {"apiVersion":"v1","kind":"Binding","metadata":{"name":"to-bind"},"target":{"kind":"Node","name":"node-1"}}""";
        HttpResponse<String> bound = api.server().send("POST", PODS + "/to-bind/binding", null, binding);
        assertEquals(201, bound.statusCode(), bound.body());
        assertEquals("Success", JSON.readTree(bound.body()).get("status").asText());
        assertEquals("node-1 True", api.kubectl().run("get", "pod", "to-bind", "-o",
                "jsonpath={.spec.nodeName} {.status.conditions[?(@.type==\"PodScheduled\")].status}").assertSuccess().out());

        HttpResponse<String> again = api.server().send("POST", PODS + "/to-bind/binding", null, binding);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("pod to-bind is already assigned to node \\\"node-1\\\""), again.body());
        assertEquals(1, api.kubectl().run("get", "pods", "--field-selector", "spec.nodeName=node-1", "-o", "name")
                .assertSuccess().out().lines().count());
    }

    @Test
    void deletingABoundPodWaitsForTheKubelet() throws Exception {
        api.kubectl().run("run", "graceful", "--image=nginx").assertSuccess();
        assertEquals(201, api.server().send("POST", PODS + "/graceful/binding", null, """
                {"apiVersion":"v1","kind":"Binding","metadata":{"name":"graceful"},"target":{"kind":"Node","name":"node-2"}}""")
                .statusCode());
        assertEquals("pod \"graceful\" deleted\n", api.kubectl().run("delete", "pod", "graceful", "--wait=false")
                .assertSuccess().out());
        assertTrue(api.kubectl().run("get", "pod", "graceful").assertSuccess().out().lines()
                .anyMatch(l -> l.matches("graceful\\s+0/1\\s+Terminating\\s+0\\s+\\d+s")));
        assertEquals("30", api.kubectl().run("get", "pod", "graceful", "-o", "jsonpath={.metadata.deletionGracePeriodSeconds}")
                .assertSuccess().out());

        // the kubelet, once the containers are stopped
        HttpResponse<String> gone = api.server().send("DELETE", PODS + "/graceful", null, "{\"gracePeriodSeconds\":0}");
        assertEquals(200, gone.statusCode(), gone.body());
        assertEquals(404, api.server().send("GET", PODS + "/graceful", null, null).statusCode());
    }

    @Test
    void finalizersHoldADeletionUntilRemoved() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps/held";
        assertEquals(201, api.server().send("POST", "/api/v1/namespaces/default/configmaps", null, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","finalizers":["example.com/cleanup"]}}""")
                .statusCode());
        HttpResponse<String> pending = api.server().send("DELETE", path, null, null);
        assertEquals(200, pending.statusCode(), pending.body());
        JsonNode marked = JSON.readTree(pending.body());
        assertEquals(0, marked.get("metadata").get("deletionGracePeriodSeconds").asInt(), marked.toString());
        assertTrue(marked.get("metadata").has("deletionTimestamp"), marked.toString());

        ((ObjectNode) marked.get("metadata")).remove("finalizers");
        assertEquals(200, api.server().send("PUT", path, null, marked.toString()).statusCode());
        assertEquals(404, api.server().send("GET", path, null, null).statusCode());
    }

    @Test
    void deleteCollectionRemovesWhatTheSelectorMatches() throws Exception {
        api.kubectl().run("run", "batch-a", "--image=nginx", "--labels=tier=batch").assertSuccess();
        api.kubectl().run("run", "batch-b", "--image=nginx", "--labels=tier=batch").assertSuccess();
        HttpResponse<String> response = api.server().send("DELETE", PODS + "?labelSelector=tier%3Dbatch", null, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode list = JSON.readTree(response.body());
        assertEquals("PodList", list.get("kind").asText());
        assertEquals(2, list.get("items").size(), list.toString());
        Kubectl.Result none = api.kubectl().run("get", "pods", "-l", "tier=batch");
        assertEquals("No resources found in default namespace.\n", none.err());
        assertTrue(api.kubectl().run("get", "pod", "nginx").exitCode() == 0, "unselected pods stay");
    }

    @Test
    void createInAMissingNamespaceIsNotFound() {
        Kubectl.Result result = api.kubectl().run("run", "lost", "--image=nginx", "-n", "nowhere");
        assertEquals(1, result.exitCode());
        assertEquals("Error from server (NotFound): namespaces \"nowhere\" not found\n", result.err());
    }
}
