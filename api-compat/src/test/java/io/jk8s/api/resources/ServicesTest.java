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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The "Expose your app" tutorial step: services, cluster IPs, node ports, describe. */
class ServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICES = "/api/v1/namespaces/default/services";

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @BeforeAll
    static void start() {
        api.kubectl().run("create", "deployment", "kubernetes-bootcamp", "--image=gcr.io/google-samples/kubernetes-bootcamp:v1")
                .assertSuccess();
        assertEquals("service/kubernetes-bootcamp exposed\n", api.kubectl().run("expose", "deployment/kubernetes-bootcamp",
                "--type=NodePort", "--port", "8080").assertSuccess().out());
    }

    @Test
    void getServicesShowsTheKubernetesServiceAndTheNodePort() {
        List<String> lines = api.kubectl().run("get", "services").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE"), lines.toString());
        assertTrue(lines.get(1).matches("kubernetes\\s+ClusterIP\\s+10\\.96\\.0\\.1\\s+<none>\\s+443/TCP\\s+\\d+s"), lines.toString());
        Matcher row = Pattern.compile("kubernetes-bootcamp\\s+NodePort\\s+(10\\.\\d+\\.\\d+\\.\\d+)\\s+<none>\\s+8080:(\\d+)/TCP\\s+\\d+s")
                .matcher(lines.get(2));
        assertTrue(row.matches(), lines.toString());
        long ip = ipv4(row.group(1));
        // kube keeps the lowest 256 addresses of a /12 for IPs users choose, and picks at random above them
        assertTrue(ip >= ipv4("10.96.1.0") && ip < ipv4("10.111.255.255"), row.group(1));
        int nodePort = Integer.parseInt(row.group(2));
        assertTrue(nodePort >= 30000 && nodePort <= 32767, row.group(2));

        List<String> wide = api.kubectl().run("get", "svc", "-o", "wide").assertSuccess().out().lines().toList();
        assertTrue(wide.get(0).endsWith("SELECTOR") && wide.get(1).endsWith("<none>")
                && wide.get(2).endsWith("app=kubernetes-bootcamp"), wide.toString());
    }

    @Test
    void kubernetesServicePointsAtTheApiServer() {
        String yaml = api.kubectl().run("get", "svc", "kubernetes", "-o", "yaml").assertSuccess().out();
        for (String expected : List.of("component: apiserver", "provider: kubernetes", "clusterIP: 10.96.0.1",
                "name: https", "port: 443", "targetPort: 6443", "ipFamilyPolicy: SingleStack", "- IPv4",
                "sessionAffinity: None", "internalTrafficPolicy: Cluster", "type: ClusterIP")) {
            assertTrue(yaml.contains(expected), expected + " missing in\n" + yaml);
        }
    }

    @Test
    void describeShowsTheServiceAndItsEvents() {
        String out = api.kubectl().run("describe", "services/kubernetes-bootcamp").assertSuccess().out();
        assertTrue(out.matches("(?s)Name:\\s+kubernetes-bootcamp\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nType:\\s+NodePort\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nTargetPort:\\s+8080/TCP\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nExternal Traffic Policy:\\s+Cluster\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nEvents:\\s+<none>\\n"), out);
    }

    @Test
    void eventsCanBeSelectedByTheirInvolvedObject() throws Exception {
        String event = """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"bootcamp.1","namespace":"default"},
                 "involvedObject":{"kind":"Service","namespace":"default","name":"kubernetes-bootcamp","uid":"u-1"},
                 "reason":"Exposed","message":"service exposed","type":"Normal","count":2,
                 "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:00:00Z","source":{"component":"test"}}""";
        assertEquals(201, api.server().send("POST", "/api/v1/namespaces/default/events", null, event).statusCode());
        JsonNode list = JSON.readTree(api.server().send("GET", "/api/v1/namespaces/default/events?fieldSelector="
                + "involvedObject.name%3Dkubernetes-bootcamp,involvedObject.namespace%3Ddefault,involvedObject.uid%3Du-1",
                null, null).body());
        assertEquals(List.of("bootcamp.1"), names(list), list.toString());
        List<String> lines = api.kubectl().run("get", "events").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\S+\\s+Normal\\s+Exposed\\s+service/kubernetes-bootcamp\\s+service exposed")),
                lines.toString());
    }

    @Test
    void bothEventApisServeTheSameObjects() throws Exception {
        String created = """
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"scheduled.1"},
                 "eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"default-scheduler",
                 "reportingInstance":"default-scheduler-1","action":"Binding","reason":"Scheduled","type":"Normal",
                 "regarding":{"kind":"Pod","namespace":"default","name":"web-1","uid":"p-1"},
                 "note":"Successfully assigned default/web-1 to node-1"}""";
        assertEquals(201, api.server().send("POST", "/apis/events.k8s.io/v1/namespaces/default/events", null, created)
                .statusCode());
        JsonNode core = JSON.readTree(api.server().send("GET", "/api/v1/namespaces/default/events/scheduled.1", null, null).body());
        assertEquals("v1", core.get("apiVersion").asText());
        assertEquals("web-1", core.get("involvedObject").get("name").asText());
        assertEquals("Successfully assigned default/web-1 to node-1", core.get("message").asText());
        assertEquals("default-scheduler", core.get("reportingComponent").asText());

        JsonNode selected = JSON.readTree(api.server().send("GET", "/api/v1/namespaces/default/events?fieldSelector="
                + "involvedObject.name%3Dweb-1", null, null).body());
        assertEquals(1, selected.get("items").size(), selected.toString());
        assertEquals(201, api.server().send("POST", "/api/v1/namespaces/default/events", null, """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"core.1"},"reason":"Exposed","type":"Normal",
                 "involvedObject":{"kind":"Service","namespace":"default","name":"kubernetes-bootcamp"},
                 "message":"service exposed","count":3}""").statusCode());
        JsonNode served = JSON.readTree(api.server().send("GET", "/apis/events.k8s.io/v1/namespaces/default/events/core.1",
                null, null).body());
        assertEquals("events.k8s.io/v1", served.get("apiVersion").asText(), served.toString());
        assertEquals("kubernetes-bootcamp", served.get("regarding").get("name").asText(), served.toString());
        assertEquals("service exposed", served.get("note").asText(), served.toString());
        assertEquals(3, served.get("deprecatedCount").asInt(), served.toString());
    }

    @Test
    void aTakenClusterIpOrNodePortIsInvalid() throws Exception {
        HttpResponse<String> ip = api.server().send("POST", SERVICES, null, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"dup-ip"},
                 "spec":{"clusterIP":"10.96.0.1","ports":[{"port":80}]}}""");
        assertEquals(422, ip.statusCode(), ip.body());
        assertEquals("Service \"dup-ip\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.1\"}: failed to "
                + "allocate IP 10.96.0.1: provided IP is already allocated", JSON.readTree(ip.body()).get("message").asText());

        HttpResponse<String> first = api.server().send("POST", SERVICES, null, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"np-1"},
                 "spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}""");
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> second = api.server().send("POST", SERVICES, null, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"np-2"},
                 "spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}""");
        assertEquals(422, second.statusCode(), second.body());
        assertTrue(second.body().contains("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"),
                second.body());
    }

    @Test
    void serviceNamesAreDns1035LabelsAndClusterIpsStay() throws Exception {
        Kubectl.Result digit = api.kubectl().run("create", "service", "clusterip", "1st", "--tcp=80");
        assertEquals(1, digit.exitCode());
        assertTrue(digit.err().startsWith("error: failed to create ClusterIP service: Service \"1st\" is invalid: metadata.name: Invalid value: \"1st\": "
                + "a DNS-1035 label must consist of lower case alphanumeric characters"), digit.err());

        JsonNode service = JSON.readTree(api.server().send("GET", SERVICES + "/kubernetes-bootcamp", null, null).body());
        ((ObjectNode) service.get("spec")).put("clusterIP", "10.96.0.99").putArray("clusterIPs").add("10.96.0.99");
        HttpResponse<String> moved = api.server().send("PUT", SERVICES + "/kubernetes-bootcamp", null, service.toString());
        assertEquals(422, moved.statusCode(), moved.body());
        assertTrue(moved.body().contains("spec.clusterIPs[0]: Invalid value: []string{\\\"10.96.0.99\\\"}: may not change once set"),
                moved.body());
    }

    @Test
    void anUpdateKeepsTheAllocatedValues() throws Exception {
        JsonNode service = JSON.readTree(api.server().send("GET", SERVICES + "/kubernetes-bootcamp", null, null).body());
        String clusterIp = service.get("spec").get("clusterIP").asText();
        int nodePort = service.get("spec").get("ports").get(0).get("nodePort").asInt();
        ObjectNode spec = (ObjectNode) service.get("spec");
        spec.remove(List.of("clusterIP", "clusterIPs"));
        ((ObjectNode) spec.get("ports").get(0)).remove("nodePort");
        JsonNode updated = JSON.readTree(api.server().send("PUT", SERVICES + "/kubernetes-bootcamp", null, service.toString()).body());
        assertEquals(clusterIp, updated.get("spec").get("clusterIP").asText(), updated.toString());
        assertEquals(nodePort, updated.get("spec").get("ports").get(0).get("nodePort").asInt(), updated.toString());
    }

    /** discovery/v1 EndpointSlice's endpoints and ports have no omitempty: Go writes an empty one as null. */
    @Test
    void anEndpointSliceWithoutEndpointsShowsThemAsNull() {
        var file = api.file("lonely.yaml", "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: lonely-abc\n"
                + "  labels:\n    kubernetes.io/service-name: lonely\naddressType: IPv4\nendpoints: []\n");
        api.kubectl().run("create", "-f", file.toString()).assertSuccess();
        String json = api.kubectl().run("get", "endpointslice", "lonely-abc", "-o", "json").assertSuccess().out();
        assertTrue(json.contains("\n    \"endpoints\": null,\n"), json);
        assertTrue(json.contains("\n    \"ports\": null\n"), json);
        String yaml = api.kubectl().run("get", "endpointslice", "lonely-abc", "-o", "yaml").assertSuccess().out();
        assertTrue(yaml.contains("\nendpoints: null\n"), yaml);
        List<String> rows = api.kubectl().run("get", "endpointslices", "-l", "kubernetes.io/service-name=lonely").assertSuccess()
                .out().lines().toList();
        assertTrue(rows.get(1).matches("lonely-abc\\s+IPv4\\s+<unset>\\s+<unset>\\s+\\d+s"), rows.toString());

        // with endpoints, the lists are written as lists
        api.kubectl().run("patch", "endpointslice", "lonely-abc", "--type=merge", "-p",
                "{\"endpoints\":[{\"addresses\":[\"10.244.0.9\"]}],\"ports\":[{\"port\":8080}]}").assertSuccess();
        String patched = api.kubectl().run("get", "endpointslice", "lonely-abc", "-o", "jsonpath={.endpoints[0].addresses[0]} {.ports[0].port}")
                .assertSuccess().out();
        assertEquals("10.244.0.9 8080", patched);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new java.util.ArrayList<>();
        list.get("items").forEach(item -> names.add(item.get("metadata").get("name").asText()));
        return names;
    }

    private static long ipv4(String ip) {
        long value = 0;
        for (String part : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
