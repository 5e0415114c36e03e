package io.jk8s.api.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The set algebra and the FieldsV1 wire form, against examples from fieldpath's tests and kube's output. */
class FieldSetTest {

    private static final FieldPath REPLICAS = FieldPath.of("spec", "replicas");
    private static final FieldPath LABEL = FieldPath.of("metadata", "labels", "app");
    private static final FieldPath LABELS = FieldPath.of("metadata", "labels");

    @Test
    void unionDifferenceAndIntersectionWorkOnMembersOnly() {
        FieldSet a = FieldSet.of(REPLICAS, LABEL);
        FieldSet b = FieldSet.of(LABEL, LABELS);
        assertEquals(FieldSet.of(REPLICAS, LABEL, LABELS), a.union(b));
        assertEquals(FieldSet.of(REPLICAS), a.difference(b));
        assertEquals(FieldSet.of(LABEL), a.intersection(b));
        assertTrue(FieldSet.of(REPLICAS).difference(FieldSet.of(FieldPath.of("spec"))).has(REPLICAS),
                "owning a parent is not owning its children");
    }

    @Test
    void membersUnderAPathAreFoundWithoutOwningThePath() {
        FieldSet set = FieldSet.of(LABEL);
        assertTrue(set.hasMembersUnder(LABELS));
        assertTrue(set.hasMembersUnder(FieldPath.of("metadata")));
        assertFalse(set.hasMembersUnder(LABEL));
        assertFalse(set.has(LABELS));
    }

    @Test
    void fieldsV1MarksPathsThatAreMembersAndHaveChildren() {
        Map<String, JsonNode> key = new LinkedHashMap<>();
        key.put("name", TextNode.valueOf("nginx"));
        FieldPath container = FieldPath.of("spec", "containers").child(PathElement.key(key));
        FieldSet set = FieldSet.of(LABELS, LABEL, container, container.child(PathElement.field("image")), REPLICAS);
        assertEquals("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:containers\":"
                + "{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{}}},\"f:replicas\":{}}}", set.toFieldsV1().toString());
        assertEquals(set, FieldSet.fromFieldsV1(set.toFieldsV1()));
    }

    @Test
    void keysAreCanonicalWhateverTheirOrderAndNumberTypes() {
        Map<String, JsonNode> a = new LinkedHashMap<>();
        a.put("protocol", TextNode.valueOf("TCP"));
        a.put("containerPort", IntNode.valueOf(80));
        Map<String, JsonNode> b = new LinkedHashMap<>();
        b.put("containerPort", LongNode.valueOf(80));
        b.put("protocol", TextNode.valueOf("TCP"));
        assertEquals(PathElement.key(a), PathElement.key(b));
        assertEquals("k:{\"containerPort\":80,\"protocol\":\"TCP\"}", PathElement.key(a).encode());
        assertEquals(PathElement.key(a), PathElement.parse("k:{\"protocol\":\"TCP\",\"containerPort\":80}"));
    }

    @Test
    void pathsPrintAsConflictMessagesShowThem() {
        Map<String, JsonNode> key = Map.of("name", TextNode.valueOf("nginx"));
        assertEquals(".spec.containers[name=\"nginx\"].image",
                FieldPath.of("spec", "containers").child(PathElement.key(key)).child(PathElement.field("image")).toString());
        assertEquals(".metadata.finalizers[=\"a\"]",
                FieldPath.of("metadata", "finalizers").child(PathElement.value(TextNode.valueOf("a"))).toString());
        assertEquals(".spec.replicas", REPLICAS.toString());
    }

    @Test
    void parsesWhatKubeWrites() throws Exception {
        JsonNode fields = ObjectCodec.JSON.readTree("{\"f:metadata\":{\"f:annotations\":{\".\":{},"
                + "\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}},\"f:spec\":{\"f:replicas\":{},\"f:selector\":{}}}");
        FieldSet set = FieldSet.fromFieldsV1(fields);
        assertEquals(4, set.size());
        assertTrue(set.has(FieldPath.of("metadata", "annotations")));
        assertTrue(set.has(FieldPath.of("metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration")));
        assertFalse(set.has(FieldPath.of("spec")));
    }
}
