package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jk8s.api.testing.KubectlServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pods/ephemeralcontainers as `kubectl debug` uses it (a strategic merge PATCH), with kube's
 * defaults and the validation of ValidatePodEphemeralContainersUpdate.
 */
class EphemeralContainersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PODS = "/api/v1/namespaces/default/pods";
    private static final String SMP = "application/strategic-merge-patch+json";

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void discoveryListsTheSubresourceInBothForms() throws Exception {
        JsonNode v1 = JSON.readTree(api.server().send("GET", "/api/v1", null, null).body());
        JsonNode listed = null;
        for (JsonNode resource : v1.get("resources")) {
            if (resource.get("name").asText().equals("pods/ephemeralcontainers")) {
                listed = resource;
            }
        }
        assertTrue(listed != null, v1.toString());
        assertEquals("Pod", listed.get("kind").asText());
        assertEquals("[\"get\",\"patch\",\"update\"]", listed.get("verbs").toString());

        JsonNode aggregated = JSON.readTree(api.server().send("GET", "/api",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", null).body());
        String pods = aggregated.findValue("resources").toString();
        assertTrue(pods.contains("{\"subresource\":\"ephemeralcontainers\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\","
                + "\"kind\":\"Pod\"},\"verbs\":[\"get\",\"patch\",\"update\"]}"), pods);
    }

    @Test
    void kubectlDebugAddsADefaultedEphemeralContainerAndNothingElse() throws Exception {
        createPod("debugged");
        // what kubectl debug sends, plus a label it may not change this way
        HttpResponse<String> patched = api.server().send("PATCH", PODS + "/debugged/ephemeralcontainers", null, SMP, """
                {"metadata":{"labels":{"sneaky":"yes"}},"spec":{"activeDeadlineSeconds":5,"ephemeralContainers":[
                 {"command":["sh"],"image":"busybox:1.36","name":"debugger-abcde","resources":{},
                  "targetContainerName":"app","terminationMessagePolicy":"File","stdin":true,"tty":true}]}}""");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode pod = JSON.readTree(api.server().send("GET", PODS + "/debugged", null, null).body());
        JsonNode ec = pod.at("/spec/ephemeralContainers/0");
        assertEquals("debugger-abcde", ec.get("name").asText());
        assertEquals("app", ec.get("targetContainerName").asText());
        assertEquals("IfNotPresent", ec.get("imagePullPolicy").asText());
        assertEquals("/dev/termination-log", ec.get("terminationMessagePath").asText());
        assertEquals("{}", ec.get("resources").toString());
        assertTrue(pod.at("/metadata/labels/sneaky").isMissingNode(), pod.toString());
        assertTrue(pod.at("/spec/activeDeadlineSeconds").isMissingNode(), pod.toString());

        String yaml = api.kubectl().run("get", "--raw", PODS + "/debugged/ephemeralcontainers").assertSuccess().out();
        assertTrue(yaml.contains("\"debugger-abcde\""), yaml);
    }

    @Test
    void fieldsAContainerMayNotHaveAreForbidden() throws Exception {
        createPod("forbidden");
        HttpResponse<String> response = api.server().send("PATCH", PODS + "/forbidden/ephemeralcontainers", null, SMP, """
                {"spec":{"ephemeralContainers":[{"name":"dbg","image":"busybox:1.36","ports":[{"containerPort":80}],
                  "readinessProbe":{"exec":{"command":["true"]}},"resources":{"limits":{"cpu":"1"}},
                  "lifecycle":{"preStop":{"exec":{"command":["true"]}}}}]}}""");
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Pod \"forbidden\" is invalid: [spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an "
                + "Ephemeral Container, spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral "
                + "Container, spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container, "
                + "spec.ephemeralContainers[0].lifecycle: Forbidden: cannot be set for an Ephemeral Container]",
                JSON.readTree(response.body()).get("message").asText());
    }

    @Test
    void namesAreUniqueAcrossAllContainersAndTheTargetMustExist() throws Exception {
        createPod("names");
        HttpResponse<String> response = api.server().send("PATCH", PODS + "/names/ephemeralcontainers", null, SMP, """
                {"spec":{"ephemeralContainers":[{"name":"app","image":"busybox:1.36","targetContainerName":"nope"}]}}""");
        assertEquals(422, response.statusCode(), response.body());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("Pod \"names\" is invalid: [spec.ephemeralContainers[0].name: Duplicate value: \"app\", "
                + "spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"]", status.get("message").asText());
        assertEquals("FieldValueNotFound", status.at("/details/causes/1/reason").asText());

        var debug = api.kubectl().run("debug", "names", "--image=busybox:1.36", "--target=missing", "--", "true");
        assertEquals(1, debug.exitCode(), debug.toString());
        assertTrue(debug.err().contains("The Pod \"names\" is invalid: spec.ephemeralContainers[0].targetContainerName: "
                + "Not found: \"missing\""), debug.toString());
        assertEquals("", api.kubectl().run("get", "pod", "names", "-o", "jsonpath={.spec.ephemeralContainers}")
                .assertSuccess().out());
    }

    @Test
    void existingEphemeralContainersCannotBeRemovedOrChanged() throws Exception {
        createPod("kept");
        assertEquals(200, api.server().send("PATCH", PODS + "/kept/ephemeralcontainers", null, SMP,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg\",\"image\":\"busybox:1.36\"}]}}").statusCode());
        ObjectNode pod = (ObjectNode) JSON.readTree(api.server().send("GET", PODS + "/kept/ephemeralcontainers", null, null).body());

        ObjectNode removed = pod.deepCopy();
        ((ObjectNode) removed.get("spec")).putArray("ephemeralContainers");
        HttpResponse<String> response = api.server().send("PUT", PODS + "/kept/ephemeralcontainers", null, removed.toString());
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Pod \"kept\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" "
                + "may not be removed\n", JSON.readTree(response.body()).get("message").asText());

        ObjectNode changed = pod.deepCopy();
        ((ObjectNode) changed.at("/spec/ephemeralContainers/0")).put("image", "busybox:1.37");
        response = api.server().send("PUT", PODS + "/kept/ephemeralcontainers", null, changed.toString());
        assertEquals(422, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).get("message").asText().startsWith("Pod \"kept\" is invalid: "
                + "spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" may not be changed"), response.body());

        ObjectNode added = pod.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) added.at("/spec/ephemeralContainers"))
                .addObject().put("name", "dbg2").put("image", "busybox:1.36");
        response = api.server().send("PUT", PODS + "/kept/ephemeralcontainers", null, added.toString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, JSON.readTree(response.body()).at("/spec/ephemeralContainers").size());
    }

    @Test
    void theMainResourceCannotChangeEphemeralContainers() throws Exception {
        createPod("main");
        HttpResponse<String> response = api.server().send("PATCH", PODS + "/main", null, SMP,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg\",\"image\":\"busybox:1.36\"}]}}");
        assertEquals(422, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).get("message").asText().startsWith("Pod \"main\" is invalid: spec: "
                + "Forbidden: pod updates may not change fields other than `spec.containers[*].image`"), response.body());

        HttpResponse<String> created = api.server().send("POST", PODS, null, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"born-with-one"},"spec":{"containers":[
                 {"name":"app","image":"busybox:1.36"}],"ephemeralContainers":[{"name":"dbg","image":"busybox:1.36"}]}}""");
        assertEquals(422, created.statusCode(), created.body());
        assertEquals("Pod \"born-with-one\" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create",
                JSON.readTree(created.body()).get("message").asText());
    }

    @Test
    void podTemplatesTakeNone() throws Exception {
        HttpResponse<String> created = api.server().send("POST", "/apis/apps/v1/namespaces/default/deployments", null, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"templated"},"spec":{
                 "selector":{"matchLabels":{"app":"t"}},"template":{"metadata":{"labels":{"app":"t"}},"spec":{
                 "containers":[{"name":"app","image":"busybox:1.36"}],"ephemeralContainers":[{"name":"dbg","image":"busybox:1.36"}]}}}}""");
        assertEquals(422, created.statusCode(), created.body());
        assertEquals("Deployment.apps \"templated\" is invalid: spec.template.spec.ephemeralContainers: Forbidden: "
                + "ephemeral containers not allowed in pod template", JSON.readTree(created.body()).get("message").asText());
    }

    @Test
    void staticPodsTakeNone() throws Exception {
        HttpResponse<String> created = api.server().send("POST", PODS, null, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"static-node1","annotations":{"kubernetes.io/config.mirror":"abc"}},
                 "spec":{"nodeName":"node1","containers":[{"name":"app","image":"busybox:1.36"}]}}""");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> response = api.server().send("PATCH", PODS + "/static-node1/ephemeralcontainers", null, SMP,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg\",\"image\":\"busybox:1.36\"}]}}");
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("Pod \"static-node1\" is invalid: []: Forbidden: static pods do not support ephemeral containers",
                JSON.readTree(response.body()).get("message").asText());
    }

    private static void createPod(String name) {
        List<String> args = new ArrayList<>(List.of("run", name, "--image=busybox:1.36", "--overrides",
                "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"3600\"]}]}}"));
        api.kubectl().run(args.toArray(String[]::new)).assertSuccess();
    }
}
