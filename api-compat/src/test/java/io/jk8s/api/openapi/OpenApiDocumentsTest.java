package io.jk8s.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.registry.ResourceTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rendered documents hold together: every reference resolves, and the operations kubectl looks for exist. */
class OpenApiDocumentsTest {

    private static final ResourceTable TABLE = ResourceTable.builtIn();
    private static final OpenApiDocuments DOCUMENTS = ApiSchemas.build(TABLE, "v1.32.4-test").documents();

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode index = ObjectCodec.JSON.readTree(DOCUMENTS.v3Index().json());
        for (var it = index.path("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            JsonNode doc = ObjectCodec.JSON.readTree(DOCUMENTS.v3(path).orElseThrow().json());
            assertResolves(doc, doc.path("components").path("schemas"), "#/components/schemas/", path);
        }
        JsonNode v2 = ObjectCodec.JSON.readTree(DOCUMENTS.v2().json());
        assertResolves(v2, v2.path("definitions"), "#/definitions/", "v2");
    }

    /** kube writes an object-typed field as its own description beside the type's reference: v3 wraps the reference in allOf. */
    @Test
    void fieldsWhoseTypeIsAnObjectCarryTheFieldsDescription() throws IOException {
        JsonNode v2 = ObjectCodec.JSON.readTree(DOCUMENTS.v2().json());
        assertEquals("{\"description\":\"If specified, the pod's scheduling constraints\",\"$ref\":\"#/definitions/io.k8s.api.core.v1.Affinity\"}",
                v2.path("definitions").path("io.k8s.api.core.v1.PodSpec").path("properties").path("affinity").toString());
        JsonNode apps = ObjectCodec.JSON.readTree(DOCUMENTS.v3("apis/apps/v1").orElseThrow().json());
        assertEquals("{\"description\":\"Template describes the pods that will be created. The only allowed template.spec.restartPolicy "
                        + "value is \\\"Always\\\".\",\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec\"}]}",
                apps.path("components").path("schemas").path("io.k8s.api.apps.v1.DeploymentSpec").path("properties").path("template").toString());
    }

    /**
     * Properties kube's own OpenAPI leaves without a description: IngressRuleValue's {@code http},
     * inlined into IngressRule, and certificates/v1's object and list metadata carry only a
     * {@code +optional} marker upstream.
     */
    private static final List<String> UNDESCRIBED_UPSTREAM = undescribedUpstream();

    /**
     * Also JSONSchemaProps' plain JSON Schema keywords and ExternalDocumentation's fields, which
     * apiextensions leaves undocumented (the upstream Java client's models, generated from kube's
     * OpenAPI, have empty descriptions for them too).
     */
    private static List<String> undescribedUpstream() {
        List<String> names = new ArrayList<>(List.of("io.k8s.api.networking.v1.IngressRule.http",
                "io.k8s.api.certificates.v1.CertificateSigningRequest.metadata",
                "io.k8s.api.certificates.v1.CertificateSigningRequestList.metadata"));
        String apiextensions = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";
        names.add(apiextensions + "ExternalDocumentation.description");
        names.add(apiextensions + "ExternalDocumentation.url");
        for (String keyword : List.of("$ref", "$schema", "allOf", "anyOf", "definitions", "dependencies", "description", "enum",
                "exclusiveMaximum", "exclusiveMinimum", "externalDocs", "id", "maxItems", "maxLength", "maxProperties", "maximum",
                "minItems", "minLength", "minProperties", "minimum", "multipleOf", "not", "nullable", "oneOf", "pattern",
                "patternProperties", "properties", "required", "title", "type", "uniqueItems")) {
            names.add(apiextensions + "JSONSchemaProps." + keyword);
        }
        return names;
    }

    @Test
    void everyPropertyOfEveryServedSchemaIsDescribed() throws IOException {
        List<String> undescribed = new ArrayList<>();
        JsonNode v2 = ObjectCodec.JSON.readTree(DOCUMENTS.v2().json());
        v2.path("definitions").fields().forEachRemaining(definition -> definition.getValue().path("properties").fields()
                .forEachRemaining(property -> {
                    String name = definition.getKey() + "." + property.getKey();
                    if (!property.getValue().path("description").isTextual() && !UNDESCRIBED_UPSTREAM.contains(name)) {
                        undescribed.add(name);
                    }
                }));
        assertEquals(List.of(), undescribed);
    }

    @Test
    void patchOperationsAdvertiseFieldValidationAndStrategicMerge() throws IOException {
        JsonNode apps = ObjectCodec.JSON.readTree(DOCUMENTS.v3("apis/apps/v1").orElseThrow().json());
        JsonNode patch = apps.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
        assertEquals("Deployment", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
        assertTrue(patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"));
        assertTrue(patch.path("parameters").findValuesAsText("name").contains("fieldValidation"));
        JsonNode scale = apps.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale").path("put");
        assertEquals("autoscaling", scale.path("x-kubernetes-group-version-kind").path("group").asText());
    }

    private static void assertResolves(JsonNode doc, JsonNode schemas, String prefix, String where) {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertTrue(!refs.isEmpty(), where);
        for (String ref : refs) {
            assertTrue(ref.startsWith(prefix) && schemas.has(ref.substring(prefix.length())), where + ": dangling " + ref);
        }
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                // JSONSchemaProps has a property named "$ref", whose value is a schema, not a reference
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into));
        }
    }
}
