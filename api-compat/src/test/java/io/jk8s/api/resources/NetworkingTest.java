package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.api.testing.KubectlServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** networking.k8s.io/v1 as kubectl creates, applies, lists, describes and explains it. */
class NetworkingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void createIngressThenGetDescribeAndYaml() {
        // a namespace of its own, so that listing shows only this test's ingress
        api.kubectl().run("create", "namespace", "shop").assertSuccess();
        api.kubectl().run("-n", "shop", "create", "service", "clusterip", "svc1", "--tcp=8080:8080").assertSuccess();
        assertEquals("ingress.networking.k8s.io/ing created\n", api.kubectl()
                .run("-n", "shop", "create", "ingress", "ing", "--rule=foo.com/bar=svc1:8080", "--class=nginx").assertSuccess().out());

        for (String resource : List.of("ingress", "ing", "ingresses.networking.k8s.io")) {
            assertTable(List.of(resource, "-n", "shop"), "NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE",
                    "ing\\s+nginx\\s+foo.com\\s+80\\s+\\d+s");
        }
        assertTable(List.of("ingress", "-n", "shop", "-o", "wide"), "NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE",
                "ing\\s+nginx\\s+foo.com\\s+80\\s+\\d+s");
        List<String> everywhere = api.kubectl().run("get", "ingress", "-A").assertSuccess().out().lines().toList();
        assertTrue(everywhere.get(0).matches("NAMESPACE\\s+NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE")
                && everywhere.stream().anyMatch(l -> l.matches("shop\\s+ing\\s+nginx\\s+foo.com\\s+80\\s+\\d+s")),
                String.join("\n", everywhere));

        String yaml = api.kubectl().run("-n", "shop", "get", "ingress", "ing", "-o", "yaml").assertSuccess().out();
        for (String expected : List.of("apiVersion: networking.k8s.io/v1\n", "kind: Ingress\n", "  generation: 1\n",
                "  ingressClassName: nginx\n", "  - host: foo.com\n", "        path: /bar\n", "        pathType: Exact\n",
                "            name: svc1\n", "              number: 8080\n", "status:\n  loadBalancer: {}\n")) {
            assertTrue(yaml.contains(expected), expected + " missing in\n" + yaml);
        }

        List<String> described = api.kubectl().run("-n", "shop", "describe", "ingress", "ing").assertSuccess().out().lines().toList();
        assertLines(described, "Name:\\s+ing", "Labels:\\s+<none>", "Namespace:\\s+shop", "Address:\\s*",
                "Ingress Class:\\s+nginx", "Default backend:\\s+<default>", "Rules:", "  Host\\s+Path\\s+Backends",
                "  ----\\s+----\\s+--------", "  foo.com\\s*", "\\s+/bar\\s+svc1:8080 \\(<none>\\)", "Annotations:\\s+<none>",
                "Events:\\s+<none>");
    }

    @Test
    void statusIsWrittenOnlyThroughTheSubresource() {
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: lb
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                status:
                  loadBalancer:
                    ingress: [{ip: 192.0.2.1}]
                """);
        assertEquals("1 ", jsonpath("ingress", "lb", "{.metadata.generation} {.status.loadBalancer.ingress}"));
        api.kubectl().run("patch", "ingress", "lb", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"hostname\":\"lb.example.com\"},{\"ip\":\"10.0.0.9\"}]}}}")
                .assertSuccess();
        assertTable(List.of("ing", "lb"), "NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE",
                "lb\\s+<none>\\s+\\*\\s+10.0.0.9,lb.example.com\\s+80\\s+\\d+s");

        assertEquals("The Ingress \"lb\" is invalid: status.loadBalancer.ingress[0].hostname: Invalid value: \"10.0.0.10\": "
                + "must be a DNS name, not an IP address\n", api.kubectl().run("patch", "ingress", "lb", "--subresource=status",
                "--type=merge", "-p", "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"hostname\":\"10.0.0.10\"}]}}}").err());

        api.kubectl().run("patch", "ingress", "lb", "--subresource=status", "--type=merge", "-p", "{\"status\":null}")
                .assertSuccess();
        assertEquals("{\"loadBalancer\":{}}", jsonpath("ingress", "lb", "{.status}"));
        api.kubectl().run("patch", "ingress", "lb", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"hostname\":\"lb.example.com\"},{\"ip\":\"10.0.0.9\"}]}}}")
                .assertSuccess();

        api.kubectl().run("patch", "ingress", "lb", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/http/paths/0/path\",\"value\":\"/v2\"}]").assertSuccess();
        assertEquals("2 10.0.0.9", jsonpath("ingress", "lb", "{.metadata.generation} {.status.loadBalancer.ingress[1].ip}"));
    }

    @Test
    void hostsAndTlsPorts() {
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: many
                spec:
                  tls:
                  - hosts: [a.example.com]
                    secretName: a-tls
                  rules:
                  - host: a.example.com
                  - host: b.example.com
                  - host: "*.c.example.com"
                  - host: d.example.com
                """);
        assertTable(List.of("ingress", "many"), "NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE",
                "many\\s+<none>\\s+a.example.com,b.example.com,\\*.c.example.com \\+ 1 more...\\s+80, 443\\s+\\d+s");
        String described = api.kubectl().run("describe", "ingress", "many").assertSuccess().out();
        assertTrue(described.contains("TLS:\n  a-tls terminates a.example.com\n"), described);
    }

    @Test
    void invalidIngressesAreRefusedWithKubesMessages() {
        String relative = refusal(ingressWithPath("relative", "bar", "Prefix"));
        assertEquals("The Ingress \"relative\" is invalid: spec.rules[0].http.paths[0].path: Invalid value: \"bar\": "
                + "must be an absolute path\n", relative);

        String noType = refusal(ingressWithPath("untyped", "/", null));
        assertEquals("The Ingress \"untyped\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: "
                + "pathType must be specified\n", noType);

        String noBackend = refusal("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: nobackend}
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Exact, backend: {service: {name: web}}}
                """);
        assertEquals("The Ingress \"nobackend\" is invalid: spec.rules[0].http.paths[0].backend: Required value: "
                + "port name or number is required\n", noBackend);

        String empty = refusal("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: empty}
                spec: {ingressClassName: nginx}
                """);
        assertEquals("The Ingress \"empty\" is invalid: spec: Invalid value: []networking.IngressRule(nil): "
                + "either `defaultBackend` or `rules` must be specified\n", empty);
        assertEquals("Error from server (NotFound): ingresses.networking.k8s.io \"relative\" not found\n",
                api.kubectl().run("get", "ingress", "relative").err());
    }

    @Test
    void networkPolicyIsDefaultedAndPrinted() {
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: web-policy
                spec:
                  podSelector:
                    matchLabels: {app: web}
                  ingress:
                  - from:
                    - podSelector:
                        matchLabels: {role: frontend}
                    ports:
                    - port: 80
                  egress:
                  - to:
                    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.5.0/24]}
                """);
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: deny-all
                spec:
                  podSelector: {}
                """);
        assertTable(List.of("netpol"), "NAME\\s+POD-SELECTOR\\s+AGE", "deny-all\\s+<none>\\s+\\d+s", "web-policy\\s+app=web\\s+\\d+s");
        assertTable(List.of("networkpolicies", "-o", "wide"), "NAME\\s+POD-SELECTOR\\s+AGE", "deny-all\\s+<none>\\s+\\d+s",
                "web-policy\\s+app=web\\s+\\d+s");
        assertEquals("Ingress Egress TCP 1", jsonpath("netpol", "web-policy",
                "{.spec.policyTypes[0]} {.spec.policyTypes[1]} {.spec.ingress[0].ports[0].protocol} {.metadata.generation}"));
        assertEquals("Ingress", jsonpath("netpol", "deny-all", "{.spec.policyTypes[*]}"));

        String described = api.kubectl().run("describe", "netpol", "web-policy").assertSuccess().out();
        for (String expected : List.of("Name:         web-policy\n", "Namespace:    default\n", "  PodSelector:     app=web\n",
                "  Allowing ingress traffic:\n", "    To Port: 80/TCP\n", "      PodSelector: role=frontend\n",
                "  Allowing egress traffic:\n", "      IPBlock:\n", "        CIDR: 10.0.0.0/16\n", "        Except: 10.0.5.0/24\n",
                "  Policy Types: Ingress, Egress\n")) {
            assertTrue(described.contains(expected), expected + " missing in\n" + described);
        }

        String invalid = refusal("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: bad}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress, Sideways]
                """);
        assertEquals("The NetworkPolicy \"bad\" is invalid: spec.policyTypes[1]: Unsupported value: \"Sideways\": "
                + "supported values: \"Ingress\", \"Egress\"\n", invalid);
    }

    @Test
    void ingressClassIsClusterScoped() {
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata:
                  name: external-lb
                spec:
                  controller: example.com/ingress-controller
                  parameters:
                    apiGroup: k8s.example.com
                    kind: IngressParameters
                    name: external-lb
                """);
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata:
                  name: nginx
                spec:
                  controller: k8s.io/ingress-nginx
                """);
        assertTable(List.of("ingressclass"), "NAME\\s+CONTROLLER\\s+PARAMETERS\\s+AGE",
                "external-lb\\s+example.com/ingress-controller\\s+IngressParameters.k8s.example.com/external-lb\\s+\\d+s",
                "nginx\\s+k8s.io/ingress-nginx\\s+<none>\\s+\\d+s");
        assertEquals("Cluster 1", api.kubectl().run("get", "ingressclass", "external-lb", "-o",
                "jsonpath={.spec.parameters.scope} {.metadata.generation}").assertSuccess().out());
        assertTrue(api.kubectl().run("get", "ingressclass", "nginx", "-n", "kube-system", "-o", "name").assertSuccess()
                .out().equals("ingressclass.networking.k8s.io/nginx\n"));

        List<String> described = api.kubectl().run("describe", "ingressclass", "external-lb").assertSuccess().out().lines().toList();
        assertLines(described, "Name:\\s+external-lb", "Labels:\\s+<none>", "Annotations:\\s+<none>",
                "Controller:\\s+example.com/ingress-controller", "Parameters:", "  APIGroup:\\s+k8s.example.com",
                "  Kind:\\s+IngressParameters", "  Name:\\s+external-lb", "Events:\\s+<none>");

        String invalid = refusal("""
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: bad}
                spec: {controller: nginx}
                """);
        assertEquals("The IngressClass \"bad\" is invalid: spec.controller: Invalid value: \"nginx\": "
                + "must be a domain-prefixed path (such as \"acme.io/foo\")\n", invalid);
    }

    @Test
    void newIngressesGetTheDefaultClass() {
        api.kubectl().run("create", "namespace", "defaulted").assertSuccess();
        for (String name : List.of("older-default", "newer-default")) {
            apply("""
                    apiVersion: networking.k8s.io/v1
                    kind: IngressClass
                    metadata:
                      name: %s
                      annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
                    spec: {controller: example.com/lb}
                    """.formatted(name));
            sleepPastTheSecond();
        }
        try {
            api.kubectl().run("-n", "defaulted", "create", "ingress", "classless", "--rule=web.example.com/=web:80").assertSuccess();
            api.kubectl().run("-n", "defaulted", "create", "ingress", "annotated", "--rule=web.example.com/=web:80",
                    "--annotation=kubernetes.io/ingress.class=legacy").assertSuccess();
            assertTable(List.of("ingress", "-n", "defaulted"), "NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE",
                    "annotated\\s+<none>\\s+web.example.com\\s+80\\s+\\d+s",
                    "classless\\s+newer-default\\s+web.example.com\\s+80\\s+\\d+s");
        } finally {
            api.kubectl().run("delete", "ingressclass", "older-default", "newer-default").assertSuccess();
        }
    }

    /** creationTimestamp has whole seconds; the newest default is told apart by it. */
    private static void sleepPastTheSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void discoveryAndExplain() throws Exception {
        String resources = api.kubectl().run("api-resources", "--api-group=networking.k8s.io").assertSuccess().out();
        assertLines(resources.lines().toList(), "NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND",
                "ingressclasses\\s+networking.k8s.io/v1\\s+false\\s+IngressClass",
                "ingresses\\s+ing\\s+networking.k8s.io/v1\\s+true\\s+Ingress",
                "networkpolicies\\s+netpol\\s+networking.k8s.io/v1\\s+true\\s+NetworkPolicy");
        assertTrue(api.kubectl().run("api-versions").assertSuccess().out().lines().anyMatch("networking.k8s.io/v1"::equals));
        JsonNode legacy = JSON.readTree(api.kubectl().run("get", "--raw", "/apis/networking.k8s.io/v1").assertSuccess().out());
        List<String> names = new ArrayList<>();
        legacy.get("resources").forEach(r -> names.add(r.get("name").asText()));
        assertEquals(List.of("ingressclasses", "ingresses", "ingresses/status", "networkpolicies"), names);
        JsonNode status = legacy.get("resources").get(2);
        assertEquals("Ingress [\"get\",\"patch\",\"update\"]", status.get("kind").asText() + " " + status.get("verbs"));
        JsonNode aggregated = JSON.readTree(api.server().send("GET", "/apis",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", null).body());
        for (JsonNode group : aggregated.get("items")) {
            if (group.get("metadata").get("name").asText().equals("networking.k8s.io")) {
                JsonNode ingresses = group.get("versions").get(0).get("resources").get(1);
                assertEquals("ingresses Namespaced [\"ing\"] null [{\"subresource\":\"status\",\"responseKind\":{\"group\":"
                        + "\"networking.k8s.io\",\"version\":\"v1\",\"kind\":\"Ingress\"},\"verbs\":[\"get\",\"patch\",\"update\"]}]",
                        ingresses.get("resource").asText() + " " + ingresses.get("scope").asText() + " "
                                + ingresses.get("shortNames") + " " + ingresses.get("categories") + " " + ingresses.get("subresources"));
            }
        }

        String explained = api.kubectl().run("explain", "ingress.spec.rules").assertSuccess().out();
        for (String expected : List.of("GROUP:      networking.k8s.io\n", "KIND:       Ingress\n", "VERSION:    v1\n",
                "FIELD: rules <[]IngressRule>\n", "  host\t<string>\n", "  http\t<HTTPIngressRuleValue>\n")) {
            assertTrue(explained.contains(expected), expected + " missing in\n" + explained);
        }
        JsonNode v3 = JSON.readTree(api.kubectl().run("get", "--raw", "/openapi/v3/apis/networking.k8s.io/v1").assertSuccess().out());
        assertEquals("[{\"group\":\"networking.k8s.io\",\"kind\":\"NetworkPolicy\",\"version\":\"v1\"}]", v3.path("components")
                .path("schemas").path("io.k8s.api.networking.v1.NetworkPolicy").path("x-kubernetes-group-version-kind").toString());
        assertTrue(v3.path("paths").has("/apis/networking.k8s.io/v1/namespaces/{namespace}/ingresses/{name}/status"));
        String v2 = api.kubectl().run("get", "--raw", "/openapi/v2").assertSuccess().out();
        for (String kind : List.of("Ingress", "IngressClass", "NetworkPolicy")) {
            assertTrue(v2.contains("\"io.k8s.api.networking.v1." + kind + "\":{"), kind + " missing in OpenAPI v2");
        }
    }

    @Test
    void serverSideApplyReplacesAtomicLists() {
        String manifest = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: ssa, namespace: applied}
                spec:
                  egress:
                  - ports: [{port: %s}]
                """;
        api.kubectl().run("create", "namespace", "applied").assertSuccess();
        api.kubectl().runWithInput(manifest.formatted("53"), "apply", "--server-side", "-f", "-").assertSuccess();
        api.kubectl().runWithInput(manifest.formatted("dns"), "apply", "--server-side", "-f", "-").assertSuccess();
        assertEquals("{} [\"Ingress\",\"Egress\"] [{\"port\":\"dns\",\"protocol\":\"TCP\"}] 2", api.kubectl().run("-n", "applied",
                "get", "netpol", "ssa", "-o", "jsonpath={.spec.podSelector} {.spec.policyTypes} {.spec.egress[0].ports} "
                        + "{.metadata.generation}").assertSuccess().out());

        String explained = api.kubectl().run("explain", "ingress.spec.rules.http").assertSuccess().out();
        assertTrue(explained.contains("  paths\t<[]HTTPIngressPath> -required-\n"), explained);
    }

    @Test
    void getAllLeavesIngressesOut() {
        apply("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: hidden}
                spec:
                  defaultBackend: {service: {name: web, port: {number: 80}}}
                """);
        String all = api.kubectl().run("get", "all").assertSuccess().out();
        assertTrue(all.contains("service/kubernetes"), all);
        assertFalse(all.contains("ingress"), all);
    }

    private static String ingressWithPath(String name, String path, String pathType) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: %s}
                spec:
                  rules:
                  - host: foo.com
                    http:
                      paths:
                      - path: %s
                %s        backend: {service: {name: web, port: {number: 80}}}
                """.formatted(name, path, pathType == null ? "" : "        pathType: " + pathType + "\n");
    }

    /** What kubectl prints when the server refuses to apply {@code manifest}. */
    private static String refusal(String manifest) {
        return api.kubectl().runWithInput(manifest, "apply", "-f", "-").err();
    }

    private static void apply(String manifest) {
        api.kubectl().runWithInput(manifest, "apply", "-f", "-").assertSuccess();
    }

    private static String jsonpath(String resource, String name, String template) {
        return api.kubectl().run("get", resource, name, "-o", "jsonpath=" + template).assertSuccess().out();
    }

    private static void assertTable(List<String> args, String header, String... rows) {
        List<String> command = new java.util.ArrayList<>(List.of("get"));
        command.addAll(args);
        List<String> lines = api.kubectl().run(command.toArray(String[]::new)).assertSuccess().out().lines().toList();
        List<String> expected = new java.util.ArrayList<>(List.of(header));
        expected.addAll(List.of(rows));
        assertLines(lines, expected.toArray(String[]::new));
    }

    /** Each line matches its pattern, and there are as many lines as patterns. */
    private static void assertLines(List<String> lines, String... patterns) {
        assertEquals(patterns.length, lines.size(), String.join("\n", lines));
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines.get(i).matches(patterns[i]), "line " + i + " '" + lines.get(i) + "' does not match " + patterns[i]
                    + " in\n" + String.join("\n", lines));
        }
    }
}
