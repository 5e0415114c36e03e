package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.testing.Kubectl;
import io.jk8s.api.testing.KubectlServer;
import io.jk8s.api.testing.TestSchemas;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kubectl explain and client-side schema use (validation, patch strategy) against the served OpenAPI. */
class KubectlOpenApiTest {

    @RegisterExtension
    static final KubectlServer cluster = new KubectlServer(TestSchemas::tableWithWorkloads);

    @Test
    void explainPodContainers() {
        String out = cluster.kubectl().run("explain", "pods.spec.containers").assertSuccess().out();
        assertTrue(out.contains("KIND:       Pod\nVERSION:    v1"), out);
        assertTrue(out.contains("FIELD: containers <[]Container>"), out);
        assertTrue(out.contains("  name\t<string> -required-"), out);
        assertTrue(out.contains("  ports\t<[]ContainerPort>"), out);
        assertTrue(out.contains("  env\t<[]EnvVar>"), out);
        assertTrue(out.contains("  resources\t<ResourceRequirements>"), out);
        // descriptions as kube's OpenAPI carries them: the field's, then its type's, then each field's
        assertTrue(out.contains("DESCRIPTION:\n    List of containers belonging to the pod. Containers cannot currently be\n"), out);
        assertTrue(out.contains("\n    A single application container that you want to run within a pod.\n"), out);
        assertTrue(out.contains("  image\t<string>\n    Container image name. More info:\n"), out);
    }

    @Test
    void explainDescribesFieldsWhoseTypeIsAnObject() {
        String pod = cluster.kubectl().run("explain", "pods").assertSuccess().out();
        assertTrue(pod.contains("  metadata\t<ObjectMeta>\n    Standard object's metadata. More info:\n"), pod);
        assertTrue(pod.contains("  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n"), pod);
        assertTrue(pod.contains("  status\t<PodStatus>\n    Most recently observed status of the pod. This data may not be up to date.\n"), pod);

        String spec = cluster.kubectl().run("explain", "pods.spec").assertSuccess().out();
        assertTrue(spec.contains("FIELD: spec <PodSpec>\n\n\nDESCRIPTION:\n    Specification of the desired behavior of the pod."), spec);
        assertTrue(spec.contains("  affinity\t<Affinity>\n    If specified, the pod's scheduling constraints\n"), spec);
        assertTrue(spec.contains("  dnsConfig\t<PodDNSConfig>\n    Specifies the DNS parameters of a pod. Parameters specified here will be\n"), spec);
        assertTrue(spec.contains("  securityContext\t<PodSecurityContext>\n    SecurityContext holds pod-level security attributes and common container\n"), spec);
        assertFalse(spec.contains("<no description>"), spec);

        String template = cluster.kubectl().run("explain", "deployment.spec.template").assertSuccess().out();
        assertTrue(template.contains("FIELD: template <PodTemplateSpec>\n\n\nDESCRIPTION:\n"
                + "    Template describes the pods that will be created. The only allowed\n"
                + "    template.spec.restartPolicy value is \"Always\".\n"
                + "    PodTemplateSpec describes the data a pod should have when created from a\n    template\n"), template);
        assertTrue(template.contains("  metadata\t<ObjectMeta>\n    Standard object's metadata. More info:\n"), template);
        assertTrue(template.contains("  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n"), template);

        String node = cluster.kubectl().run("explain", "pods.spec.affinity.nodeAffinity").assertSuccess().out();
        assertTrue(node.contains("FIELD: nodeAffinity <NodeAffinity>\n\n\nDESCRIPTION:\n"
                + "    Describes node affinity scheduling rules for the pod.\n"
                + "    Node affinity is a group of node affinity scheduling rules.\n"), node);
        assertTrue(node.contains("  requiredDuringSchedulingIgnoredDuringExecution\t<NodeSelector>\n"
                + "    If the affinity requirements specified by this field are not met at\n"), node);
        assertFalse(node.contains("<no description>"), node);

        String recursive = cluster.kubectl().run("explain", "pods", "--recursive").assertSuccess().out();
        assertTrue(recursive.contains("    affinity\t<Affinity>\n      nodeAffinity\t<NodeAffinity>\n"), recursive);
    }

    @Test
    void explainDeploymentStrategy() {
        String out = cluster.kubectl().run("explain", "deployment.spec.strategy").assertSuccess().out();
        assertTrue(out.contains("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1"), out);
        assertTrue(out.contains("FIELD: strategy <DeploymentStrategy>"), out);
        assertTrue(out.contains("  rollingUpdate\t<RollingUpdateDeployment>"), out);
        assertTrue(out.contains("  type\t<string>"), out);
        String rolling = cluster.kubectl().run("explain", "deployment.spec.strategy.rollingUpdate.maxSurge").assertSuccess().out();
        assertTrue(rolling.contains("FIELD: maxSurge <IntOrString>"), rolling);
        assertTrue(out.contains("  type\t<string>\n    Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is\n"), out);
    }

    @Test
    void applyValidatesAgainstTheServedSchema() throws Exception {
        Path file = cluster.file("valid.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: valid\ndata:\n  a: b\n");
        Kubectl.Result applied = cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess();
        assertEquals("configmap/valid created\n", applied.out());
        assertEquals("", applied.err());
    }

    @Test
    void unknownFieldsAreRejectedUnderStrictAndReportedUnderWarn() throws Exception {
        Path file = cluster.file("unknown.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unknown\n  colour: red\ndata:\n  a: b\n");
        Kubectl.Result strict = cluster.kubectl().run("create", "-f", file.toString());
        assertEquals(1, strict.exitCode());
        assertEquals("Error from server (BadRequest): error when creating \"" + file + "\": ConfigMap in version \"v1\" "
                + "cannot be handled as a ConfigMap: strict decoding error: unknown field \"metadata.colour\"\n", strict.err());

        Kubectl.Result warn = cluster.kubectl().run("create", "-f", file.toString(), "--validate=warn").assertSuccess();
        assertEquals("Warning: unknown field \"metadata.colour\"\n", warn.err());
        assertFalse(cluster.kubectl().run("get", "cm", "unknown", "-o", "json").assertSuccess().out().contains("colour"));
    }

    @Test
    void applyMergesContainersByNameUsingTheServedPatchKeys() {
        Path file = cluster.file("web.yaml", deployment("nginx:1.25", "      - name: sidecar\n        image: busybox\n"
                + "        env:\n        - name: A\n          value: one\n"));
        cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess();
        // someone else adds an env var the file does not know about; apply must keep it
        cluster.kubectl().run("patch", "deployment", "web", "--type", "strategic", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"env\":[{\"name\":\"B\",\"value\":\"two\"}]}]}}}}")
                .assertSuccess();
        cluster.file("web.yaml", deployment("nginx:1.27", "      - name: sidecar\n        image: busybox\n"
                + "        env:\n        - name: A\n          value: uno\n"));
        Kubectl.Result applied = cluster.kubectl().run("apply", "-f", file.toString(), "-v=6").assertSuccess();
        assertTrue(applied.err().contains("PATCH"), "apply sends a patch");
        assertEquals("web=nginx:1.27 sidecar=busybox A=uno B=two", cluster.kubectl().run("get", "deployment", "web", "-o",
                "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image} {end}"
                        + "{range .spec.template.spec.containers[1].env[*]}{.name}={.value} {end}").assertSuccess().out().trim());

        // dropping the sidecar from the file deletes it: apply sends {"$patch":"delete"} for it
        cluster.file("web.yaml", deployment("nginx:1.27", ""));
        cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess();
        assertEquals("web", cluster.kubectl().run("get", "deployment", "web", "-o",
                "jsonpath={.spec.template.spec.containers[*].name}").assertSuccess().out());
    }

    private static String deployment(String image, String moreContainers) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n"
                + "      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n"
                + "      - name: web\n        image: " + image + "\n" + moreContainers;
    }

    @Test
    void v3IndexPointsAtHashedImmutableDocuments() throws Exception {
        JsonNode index = ObjectCodec.JSON.readTree(cluster.server().send("GET", "/openapi/v3", "application/json", null).body());
        String core = index.path("paths").path("api/v1").path("serverRelativeURL").asText();
        assertTrue(core.matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{128}"), core);
        assertTrue(index.path("paths").has("apis/apps/v1"), index.toString());

        HttpResponse<String> doc = cluster.server().send("GET", core, "application/json", null);
        assertEquals(200, doc.statusCode());
        assertTrue(doc.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        assertEquals("\"" + core.substring(core.indexOf('=') + 1) + "\"", doc.headers().firstValue("ETag").orElse(""));
        assertEquals(301, cluster.server().send("GET", "/openapi/v3/api/v1?hash=STALE", "application/json", null).statusCode());

        JsonNode schemas = ObjectCodec.JSON.readTree(doc.body()).path("components").path("schemas");
        JsonNode containers = schemas.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
        assertEquals("name", containers.path("x-kubernetes-patch-merge-key").asText());
        assertEquals("merge", containers.path("x-kubernetes-patch-strategy").asText());
        assertEquals("map", containers.path("x-kubernetes-list-type").asText());
        assertEquals("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}",
                schemas.path("io.k8s.api.core.v1.Pod").path("x-kubernetes-group-version-kind").get(0).toString());
        assertEquals("[\"name\"]", schemas.path("io.k8s.api.core.v1.Container").path("required").toString());
        assertEquals("date-time", schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.Time").path("format").asText());
    }

    /**
     * kube-openapi's handler: JSON by default, gnostic protobuf for either protobuf media type
     * (answered with the current one), the same ETag on both.
     */
    @Test
    void v2IsServedAsJsonOrGnosticProtobuf() throws Exception {
        HttpResponse<String> json = cluster.server().send("GET", "/openapi/v2", "application/json", null);
        assertEquals(200, json.statusCode());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
        JsonNode doc = ObjectCodec.JSON.readTree(json.body());
        assertEquals("2.0", doc.path("swagger").asText());
        assertEquals("#/definitions/io.k8s.api.core.v1.PodSpec",
                doc.path("definitions").path("io.k8s.api.core.v1.Pod").path("properties").path("spec").path("$ref").asText());
        String etag = json.headers().firstValue("ETag").orElseThrow();

        for (String accept : List.of("application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
                "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")) {
            HttpResponse<String> proto = cluster.server().send("GET", "/openapi/v2", accept, null);
            assertEquals(200, proto.statusCode(), accept);
            assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", proto.headers().firstValue("Content-Type").orElse(""));
            assertEquals(etag, proto.headers().firstValue("ETag").orElse(""));
            // Document.swagger = 1: tag 0x0a, length 3, "2.0"
            assertTrue(proto.body().startsWith("\n\u00032.0"), accept);
        }
        assertEquals(406, cluster.server().send("GET", "/openapi/v2", "application/vnd.kubernetes.protobuf", null).statusCode());
    }
}
