package io.jk8s.api.registry.apiextensions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pruning and validation of custom resources by their schema, and the simple JSONPath of printer columns. */
class CustomResourceSchemaTest {

    private static final CustomResourceSchema SCHEMA = new CustomResourceSchema(schema("""
            type: object
            properties:
              spec:
                type: object
                required: [mode]
                properties:
                  mode: {type: string, enum: [fast, slow]}
                  size: {type: integer, minimum: 1, exclusiveMinimum: true}
                  port: {x-kubernetes-int-or-string: true}
                  note: {type: string, nullable: true, maxLength: 3}
                  items:
                    type: array
                    items: {type: object, properties: {name: {type: string}}}
                  labels:
                    type: object
                    additionalProperties: {type: string}
                  extra:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties: {known: {type: object, properties: {a: {type: string}}}}
            """));

    private static JSONSchemaProps schema(String yaml) {
        try {
            return ObjectCodec.YAML.readValue(yaml, JSONSchemaProps.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) ObjectCodec.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> errors(String json) {
        List<String> messages = new ArrayList<>();
        for (FieldError error : SCHEMA.validate(ObjectCodec.JSON.convertValue(object(json), GenericKubernetesResource.class))) {
            messages.add(error.message());
        }
        return messages;
    }

    @Test
    void prunesUndeclaredFieldsAndReportsTheirPaths() {
        ObjectNode object = object("""
                {"apiVersion":"x/v1","kind":"K","metadata":{"name":"n"},"top":1,
                 "spec":{"mode":"fast","bogus":true,"items":[{"name":"a","zap":1}],"labels":{"k":"v"},
                         "extra":{"anything":{"goes":1},"known":{"a":"b","c":"d"}}}}""");
        assertEquals(List.of("top", "spec.bogus", "spec.items[0].zap", "spec.extra.known.c"), SCHEMA.prune(object));
        assertEquals("{\"apiVersion\":\"x/v1\",\"kind\":\"K\",\"metadata\":{\"name\":\"n\"},\"spec\":{\"mode\":\"fast\","
                + "\"items\":[{\"name\":\"a\"}],\"labels\":{\"k\":\"v\"},\"extra\":{\"anything\":{\"goes\":1},\"known\":{\"a\":\"b\"}}}}",
                object.toString());
    }

    @Test
    void validatesWithKubeOpenApisMessages() {
        assertEquals(List.of(), errors("{\"spec\":{\"mode\":\"slow\",\"size\":2,\"port\":\"http\",\"note\":null}}"));
        assertEquals(List.of("spec.mode: Required value"), errors("{\"spec\":{}}"));
        assertEquals(List.of("spec.mode: Unsupported value: \"medium\": supported values: \"fast\", \"slow\""),
                errors("{\"spec\":{\"mode\":\"medium\"}}"));
        assertEquals(List.of("spec.size: Invalid value: 1: spec.size in body should be greater than 1"),
                errors("{\"spec\":{\"mode\":\"fast\",\"size\":1}}"));
        assertEquals(List.of("spec.size: Invalid value: \"number\": spec.size in body must be of type integer: \"number\""),
                errors("{\"spec\":{\"mode\":\"fast\",\"size\":1.5}}"));
        assertEquals(List.of("spec.note: Too long: may not be more than 3 bytes"),
                errors("{\"spec\":{\"mode\":\"fast\",\"note\":\"long\"}}"));
        assertEquals(List.of("spec.labels.k: Invalid value: \"integer\": spec.labels.k in body must be of type string: \"integer\""),
                errors("{\"spec\":{\"mode\":\"fast\",\"labels\":{\"k\":1}}}"));
    }

    @Test
    void simpleJsonPathFindsFieldsIndexesAndFilteredItems() {
        JsonNode status = object("""
                {"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]},
                 "metadata":{"labels":{"app.kubernetes.io/name":"x"}}}""");
        assertEquals("True", SimpleJsonPath.parse(".status.conditions[?(@.type==\"Ready\")].status").find(status)
                .orElseThrow().asText());
        assertEquals("Synced", SimpleJsonPath.parse(".status.conditions[0].type").find(status).orElseThrow().asText());
        assertEquals("x", SimpleJsonPath.parse(".metadata.labels['app.kubernetes.io/name']").find(status).orElseThrow().asText());
        assertEquals(java.util.Optional.empty(), SimpleJsonPath.parse(".status.missing[3]").find(status));
        assertEquals(List.of("spec", "replicas"), SimpleJsonPath.parse(".spec.replicas").fields());
    }

    @Test
    void versionsSortByKubeAwarePriority() {
        List<String> versions = new ArrayList<>(List.of("v1alpha1", "foo", "v2", "v1beta2", "v1", "v11alpha2", "v10beta3"));
        versions.sort(CustomResourceRows::compareVersions);
        assertEquals(List.of("v2", "v1", "v10beta3", "v1beta2", "v11alpha2", "v1alpha1", "foo"), versions);
    }
}
