package io.jk8s.api.registry.apiextensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jk8s.api.codec.ObjectCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** kube's defaulting algorithm on objects, as its algorithm_test.go exercises it. */
class StructuralDefaultingTest {

    private static final JSONSchemaProps SCHEMA = yaml("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  a: {type: string, default: A}
                  b: {type: string, nullable: true, default: B}
                  c: {type: string}
                  d: {type: string, nullable: true}
                  e:
                    type: object
                    default: {}
                    properties:
                      f: {type: integer, default: 1}
                  g:
                    type: object
                    properties:
                      h: {type: integer, default: 2}
                  labels:
                    type: object
                    additionalProperties: {type: string, default: none}
                  items:
                    type: array
                    items: {type: string, default: item}
            """, JSONSchemaProps.class);

    private static <T> T yaml(String text, Class<T> type) {
        try {
            return ObjectCodec.YAML.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaulted(String json) {
        try {
            ObjectNode object = (ObjectNode) ObjectCodec.JSON.readTree(json);
            StructuralDefaulting.of(SCHEMA).apply(object);
            return object.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void missingFieldsAndNonNullableNullsGetTheirDefaultsNestedOnlyUnderPresentParents() {
        assertEquals("{\"spec\":{\"a\":\"A\",\"b\":null,\"d\":null,\"labels\":{\"x\":\"none\",\"y\":\"set\"},"
                        + "\"items\":[\"item\",\"i\"],\"e\":{\"f\":1}}}",
                defaulted("{\"spec\":{\"a\":null,\"b\":null,\"c\":null,\"d\":null,\"labels\":{\"x\":null,\"y\":\"set\"},"
                        + "\"items\":[null,\"i\"]}}"));
        assertEquals("{\"spec\":{\"g\":{\"h\":2},\"a\":\"A\",\"b\":\"B\",\"e\":{\"f\":1}}}", defaulted("{\"spec\":{\"g\":{}}}"));
        assertEquals("{}", defaulted("{}"));
    }

    @Test
    void aSchemaWithoutDefaultsHasNoDefaulting() {
        assertNull(StructuralDefaulting.of(yaml("type: object\nproperties: {spec: {type: object}}", JSONSchemaProps.class)));
    }
}
