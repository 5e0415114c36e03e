package io.jk8s.api.registry.apiextensions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.openapi.PublishedSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A version's schema as kube's builder publishes it in each OpenAPI version. */
class PublishedSchemasTest {

    private static JSONSchemaProps schema(String yaml) {
        try {
            return ObjectCodec.YAML.readValue(yaml, JSONSchemaProps.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Go's encoder writes keys in its own order; what matters is the tree. */
    private static JsonNode json(String text) {
        try {
            return ObjectCodec.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void v3KeepsTheStructuralSchemaUnfoldedWithTypeMetaAndObjectMeta() {
        PublishedSchema published = PublishedSchemas.of(schema("""
                type: object
                properties:
                  spec:
                    type: object
                    example: {a: b}
                    properties:
                      replicas: {type: integer, minimum: 1.0, default: 2, nullable: false}
                      port: {x-kubernetes-int-or-string: true}
                      mode: {type: string, enum: [a, b]}
                """));
        ObjectNode v3 = published.v3().deepCopy();
        ((ObjectNode) v3.get("properties")).remove(List.of("apiVersion", "kind"));
        assertEquals(json("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{"
                        + "\"mode\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]},"
                        + "\"port\":{\"x-kubernetes-int-or-string\":true,\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]},"
                        + "\"replicas\":{\"type\":\"integer\",\"minimum\":1,\"default\":2}}},"
                        + "\"metadata\":{\"description\":\"Standard object's metadata. More info: "
                        + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata\","
                        + "\"$ref\":\"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta\"}}}"),
                v3);
        assertEquals("string", published.v3().path("properties").path("kind").path("type").asText());
    }

    /** ToStructuralOpenAPIV2 and PruneDefaults: no junctors, no defaults, nullable and preserving levels lose their insides. */
    @Test
    void v2DropsWhatSwaggerAndKubectlCannotRead() {
        PublishedSchema published = PublishedSchemas.of(schema("""
                type: object
                properties:
                  spec:
                    type: object
                    required: [owner, port]
                    properties:
                      port: {x-kubernetes-int-or-string: true}
                      owner: {type: object, nullable: true, properties: {name: {type: string}}}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}
                      tags: {type: array, x-kubernetes-preserve-unknown-fields: true, items: {type: string}}
                      replicas: {type: integer, default: 1}
                """));
        assertEquals(json("{\"type\":\"object\",\"required\":[\"port\"],\"properties\":{"
                        + "\"extra\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true},"
                        + "\"owner\":{},"
                        + "\"port\":{\"x-kubernetes-int-or-string\":true},"
                        + "\"replicas\":{\"type\":\"integer\"},"
                        + "\"tags\":{\"x-kubernetes-preserve-unknown-fields\":true}}}"),
                published.v2().path("properties").path("spec"));
    }

    @Test
    void aRootThatPreservesUnknownFieldsIsABareObjectInV2() {
        PublishedSchema published = PublishedSchemas.of(schema("""
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  spec: {type: object}
                """));
        assertEquals("{\"type\":\"object\"}", published.v2().toString());
        assertEquals("object", published.v3().path("properties").path("spec").path("type").asText());
    }
}
