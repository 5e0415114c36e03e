package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.testing.KubectlServer;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The "Create a Deployment" and "Scale your app" tutorial steps, plus the workload tables. */
class DeploymentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOTCAMP = "kubernetes-bootcamp";

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @BeforeAll
    static void start() {
        assertEquals("deployment.apps/kubernetes-bootcamp created\n", api.kubectl().run("create", "deployment", BOOTCAMP,
                "--image=gcr.io/google-samples/kubernetes-bootcamp:v1").assertSuccess().out());
    }

    @Test
    void getDeploymentsShowsReadyUpToDateAvailable() {
        List<String> lines = api.kubectl().run("get", "deployments").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE"), lines.toString());
        assertTrue(lines.get(1).matches("kubernetes-bootcamp\\s+0/\\d\\s+0\\s+0\\s+\\d+s"), lines.toString());

        List<String> wide = api.kubectl().run("get", "deploy", BOOTCAMP, "-o", "wide").assertSuccess().out().lines().toList();
        assertTrue(wide.get(0).endsWith("CONTAINERS            IMAGES                                         SELECTOR"), wide.toString());
        assertTrue(wide.get(1).matches(".*kubernetes-bootcamp\\s+gcr.io/google-samples/kubernetes-bootcamp:v1\\s+"
                + "app=kubernetes-bootcamp"), wide.toString());
    }

    @Test
    void yamlShowsDeploymentAndTemplateDefaults() {
        String yaml = api.kubectl().run("get", "deployment", BOOTCAMP, "-o", "yaml").assertSuccess().out();
        for (String expected : List.of("generation: 1", "progressDeadlineSeconds: 600", "revisionHistoryLimit: 10",
                "maxSurge: 25%", "maxUnavailable: 25%", "type: RollingUpdate", "imagePullPolicy: IfNotPresent",
                "terminationMessagePath: /dev/termination-log", "dnsPolicy: ClusterFirst", "restartPolicy: Always",
                "schedulerName: default-scheduler", "terminationGracePeriodSeconds: 30", "status: {}",
                "    metadata:\n      creationTimestamp: null\n      labels:\n        app: kubernetes-bootcamp\n")) {
            assertTrue(yaml.contains(expected), expected + " missing in\n" + yaml);
        }
        // pod-only admission defaults do not touch templates
        assertTrue(!yaml.contains("serviceAccountName") && !yaml.contains("enableServiceLinks"), yaml);
    }

    @Test
    void scaleGoesThroughTheScaleSubresource() throws Exception {
        api.kubectl().run("create", "deployment", "scaled", "--image=nginx").assertSuccess();
        assertEquals("deployment.apps/scaled scaled\n",
                api.kubectl().run("scale", "deployment/scaled", "--replicas=4").assertSuccess().out());
        assertEquals("4 2", api.kubectl().run("get", "deployment", "scaled", "-o",
                "jsonpath={.spec.replicas} {.metadata.generation}").assertSuccess().out());

        JsonNode scale = JSON.readTree(api.server().send("GET", "/apis/apps/v1/namespaces/default/deployments/scaled/scale",
                null, null).body());
        assertEquals("autoscaling/v1", scale.get("apiVersion").asText());
        assertEquals("Scale", scale.get("kind").asText());
        assertEquals(4, scale.get("spec").get("replicas").asInt());
        assertEquals("app=scaled", scale.get("status").get("selector").asText());

        assertEquals("deployment.apps/scaled scaled\n", api.kubectl().run("scale", "deployment/scaled", "--replicas=2",
                "--current-replicas=4").assertSuccess().out());
        assertEquals("2", api.kubectl().run("get", "deployment", "scaled", "-o", "jsonpath={.spec.replicas}").assertSuccess().out());
    }

    @Test
    void statusAndScaleTakeMergeAndJsonPatches() throws Exception {
        api.kubectl().run("create", "deployment", "patched", "--image=nginx").assertSuccess();
        String path = "/apis/apps/v1/namespaces/default/deployments/patched";
        HttpResponse<String> merged = api.server().send("PATCH", path + "/status", null, "application/merge-patch+json",
                "{\"status\":{\"replicas\":1,\"readyReplicas\":1},\"spec\":{\"replicas\":9}}");
        assertEquals(200, merged.statusCode(), merged.body());
        assertEquals("1/1 1", api.kubectl().run("get", "deploy", "patched", "-o",
                "jsonpath={.status.readyReplicas}/{.spec.replicas} {.status.replicas}").assertSuccess().out());

        HttpResponse<String> jsonPatch = api.server().send("PATCH", path + "/scale", null, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
        assertEquals(200, jsonPatch.statusCode(), jsonPatch.body());
        assertEquals(5, JSON.readTree(jsonPatch.body()).get("spec").get("replicas").asInt());

        HttpResponse<String> strategic = api.server().send("PATCH", path + "/status", null,
                "application/strategic-merge-patch+json", "{\"status\":{\"availableReplicas\":1}}");
        assertEquals(200, strategic.statusCode(), strategic.body());
        assertEquals(1, JSON.readTree(strategic.body()).get("status").get("availableReplicas").asInt());
    }

    @Test
    void aScalePatchReappliesAfterAConcurrentWriteUnlessItNamesAResourceVersion() throws Exception {
        // a namespace of its own keeps it out of the other tests' tables
        api.kubectl().run("create", "namespace", "scaling").assertSuccess();
        api.kubectl().run("create", "deployment", "busy", "--image=nginx", "-n", "scaling").assertSuccess();
        String path = "/apis/apps/v1/namespaces/scaling/deployments/busy";
        // a controller writing status meanwhile, as the deployment controller does after each scale
        CompletableFuture<List<Integer>> statusWrites = CompletableFuture.supplyAsync(() -> codes(40, i -> api.server()
                .send("PATCH", path + "/status", null, "application/merge-patch+json",
                        "{\"status\":{\"replicas\":" + i + "}}")));
        List<Integer> scaleWrites = codes(40, i -> api.server().send("PATCH", path + "/scale", null,
                "application/merge-patch+json", "{\"spec\":{\"replicas\":" + i + "}}"));
        assertEquals(Collections.nCopies(40, 200), scaleWrites);
        assertEquals(Collections.nCopies(40, 200), statusWrites.get());
        assertEquals("39", api.kubectl().run("get", "deploy", "busy", "-n", "scaling", "-o", "jsonpath={.spec.replicas}").assertSuccess().out());

        HttpResponse<String> stale = api.server().send("PATCH", path + "/scale", null, "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":2}}");
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals("Conflict", JSON.readTree(stale.body()).get("reason").asText());
    }

    private static List<Integer> codes(int count, IntFunction<HttpResponse<String>> request) {
        return IntStream.range(0, count).mapToObj(i -> request.apply(i).statusCode()).toList();
    }

    @Test
    void orphanAndForegroundDeletionsWaitForTheGarbageCollector() {
        api.kubectl().run("create", "deployment", "orphaned", "--image=nginx").assertSuccess();
        api.kubectl().run("delete", "deployment", "orphaned", "--cascade=orphan", "--wait=false").assertSuccess();
        assertEquals("[\"orphan\"]", api.kubectl().run("get", "deployment", "orphaned", "-o",
                "jsonpath={.metadata.finalizers}").assertSuccess().out());

        api.kubectl().run("create", "deployment", "foreground", "--image=nginx").assertSuccess();
        api.kubectl().run("delete", "deployment", "foreground", "--cascade=foreground", "--wait=false").assertSuccess();
        assertEquals("[\"foregroundDeletion\"] 0", api.kubectl().run("get", "deployment", "foreground", "-o",
                "jsonpath={.metadata.finalizers} {.metadata.deletionGracePeriodSeconds}").assertSuccess().out());

        api.kubectl().run("create", "deployment", "background", "--image=nginx").assertSuccess();
        api.kubectl().run("delete", "deployment", "background").assertSuccess();
        assertEquals(1, api.kubectl().run("get", "deployment", "background").exitCode());
    }

    @Test
    void statefulSetsOnlyChangeTheirMutableFields() throws Exception {
        String path = "/apis/apps/v1/namespaces/default/statefulsets";
        assertEquals(201, api.server().send("POST", path, null, """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
                 "spec":{"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
                         "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c","image":"postgres"}]}}}}""")
                .statusCode());
        JsonNode sts = JSON.readTree(api.server().send("GET", path + "/db", null, null).body());
        ((ObjectNode) sts.get("spec")).put("replicas", 3);
        assertEquals(200, api.server().send("PUT", path + "/db", null, sts.toString()).statusCode());
        JsonNode scaled = JSON.readTree(api.server().send("GET", path + "/db", null, null).body());
        ((ObjectNode) scaled.get("spec")).put("serviceName", "other");
        HttpResponse<String> refused = api.server().send("PUT", path + "/db", null, scaled.toString());
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals("StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other "
                + "than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
                JSON.readTree(refused.body()).get("message").asText());
    }

    @Test
    void selectorMustMatchTheTemplateLabels() throws Exception {
        HttpResponse<String> response = api.server().send("POST", "/apis/apps/v1/namespaces/default/deployments", null, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"mismatch"},
                 "spec":{"selector":{"matchLabels":{"app":"a"}},
                         "template":{"metadata":{"labels":{"app":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""");
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Deployment.apps \"mismatch\" is invalid: spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"b\"}: `selector` does not match template `labels`",
                JSON.readTree(response.body()).get("message").asText());
    }

    @Test
    void theSelectorCannotChange() throws Exception {
        String path = "/apis/apps/v1/namespaces/default/deployments/" + BOOTCAMP;
        JsonNode deployment = JSON.readTree(api.server().send("GET", path, null, null).body());
        ((ObjectNode) deployment.get("spec").get("selector").get("matchLabels")).put("tier", "web");
        ((ObjectNode) deployment.get("spec").get("template").get("metadata").get("labels")).put("tier", "web");
        HttpResponse<String> response = api.server().send("PUT", path, null, deployment.toString());
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Deployment.apps \"kubernetes-bootcamp\" is invalid: spec.selector: Invalid value: "
                + "&v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"kubernetes-bootcamp\", \"tier\":\"web\"}, "
                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
                JSON.readTree(response.body()).get("message").asText());
    }

    @Test
    void onlySpecChangesMoveTheGeneration() throws Exception {
        api.kubectl().run("create", "deployment", "gen", "--image=nginx").assertSuccess();
        String path = "/apis/apps/v1/namespaces/default/deployments/gen";
        JsonNode deployment = JSON.readTree(api.server().send("GET", path, null, null).body());
        ((ObjectNode) deployment.get("metadata")).putObject("annotations").put("note", "metadata only");
        ((ObjectNode) deployment).putObject("status").put("replicas", 7);
        JsonNode updated = JSON.readTree(api.server().send("PUT", path, null, deployment.toString()).body());
        assertEquals(1, updated.get("metadata").get("generation").asInt(), updated.toString());
        assertTrue(updated.get("status").isEmpty(), updated.toString());

        ((ObjectNode) updated).putObject("status").put("replicas", 7);
        JsonNode status = JSON.readTree(api.server().send("PUT", path + "/status", null, updated.toString()).body());
        assertEquals(7, status.get("status").get("replicas").asInt(), status.toString());
        assertEquals(1, status.get("metadata").get("generation").asInt(), status.toString());
    }

    @Test
    void replicaSetsStatefulSetsAndDaemonSetsHaveTheirTables() throws Exception {
        String template = "\"selector\":{\"matchLabels\":{\"app\":\"w\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"w\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.27\"}]}}";
        for (String kind : List.of("ReplicaSet", "StatefulSet", "DaemonSet")) {
            String plural = kind.toLowerCase() + "s";
            HttpResponse<String> created = api.server().send("POST", "/apis/apps/v1/namespaces/default/" + plural, null,
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"w\"},\"spec\":{" + template + "}}");
            assertEquals(201, created.statusCode(), created.body());
        }
        assertTrue(api.kubectl().run("get", "rs", "w").assertSuccess().out()
                .matches("(?s)NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE\\nw\\s+1\\s+0\\s+0\\s+\\d+s\\n"));
        assertTrue(api.kubectl().run("get", "sts", "w").assertSuccess().out()
                .matches("(?s)NAME\\s+READY\\s+AGE\\nw\\s+0/1\\s+\\d+s\\n"));
        assertTrue(api.kubectl().run("get", "ds", "w").assertSuccess().out().matches("(?s)NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+"
                + "UP-TO-DATE\\s+AVAILABLE\\s+NODE SELECTOR\\s+AGE\\nw\\s+0\\s+0\\s+0\\s+0\\s+0\\s+<none>\\s+\\d+s\\n"));
        String sts = api.kubectl().run("get", "sts", "w", "-o", "yaml").assertSuccess().out();
        assertTrue(sts.contains("podManagementPolicy: OrderedReady") && sts.contains("partition: 0"), sts);
        api.kubectl().run("scale", "rs/w", "--replicas=3").assertSuccess();
        assertEquals("3", api.kubectl().run("get", "rs", "w", "-o", "jsonpath={.spec.replicas}").assertSuccess().out());
    }
}
