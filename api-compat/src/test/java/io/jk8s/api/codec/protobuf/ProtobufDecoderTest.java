package io.jk8s.api.codec.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.jk8s.api.errors.ApiException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Protobuf bodies built with the upstream descriptors decode to what Go's JSON of the same object is. */
class ProtobufDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deploymentWithZeroReplicasIntOrStringQuantityAndEmptyTimes() throws Exception {
        Descriptor deploymentType = KubernetesProtos.forType("apps/v1", "Deployment");
        Descriptor specType = field(deploymentType, "spec");
        Descriptor templateType = field(specType, "template");
        Descriptor podSpecType = field(templateType, "spec");
        Descriptor containerType = field(podSpecType, "containers");
        Descriptor resourcesType = field(containerType, "resources");
        Descriptor metaType = field(deploymentType, "metadata");

        Message emptyTime = DynamicMessage.newBuilder(field(metaType, "creationTimestamp")).build();
        Message limits = mapEntry(resourcesType, "limits", "cpu", quantity(resourcesType, "500m"));
        Message container = DynamicMessage.newBuilder(containerType)
                .setField(containerType.findFieldByName("name"), "web")
                .setField(containerType.findFieldByName("image"), "nginx:1.27")
                .setField(containerType.findFieldByName("stdin"), false)
                .setField(containerType.findFieldByName("resources"),
                        DynamicMessage.newBuilder(resourcesType).addRepeatedField(resourcesType.findFieldByName("limits"), limits).build())
                .build();
        Message template = DynamicMessage.newBuilder(templateType)
                .setField(templateType.findFieldByName("metadata"), DynamicMessage.newBuilder(metaType)
                        .setField(metaType.findFieldByName("creationTimestamp"), emptyTime)
                        .addRepeatedField(metaType.findFieldByName("labels"), mapEntry(metaType, "labels", "app", "web")).build())
                .setField(templateType.findFieldByName("spec"), DynamicMessage.newBuilder(podSpecType)
                        .addRepeatedField(podSpecType.findFieldByName("containers"), container).build())
                .build();
        Descriptor strategyType = field(specType, "strategy");
        Descriptor rollingType = field(strategyType, "rollingUpdate");
        Descriptor intOrString = field(rollingType, "maxSurge");
        Message rolling = DynamicMessage.newBuilder(rollingType)
                .setField(rollingType.findFieldByName("maxSurge"), DynamicMessage.newBuilder(intOrString)
                        .setField(intOrString.findFieldByName("type"), 1L)
                        .setField(intOrString.findFieldByName("strVal"), "25%").build())
                .setField(rollingType.findFieldByName("maxUnavailable"), DynamicMessage.newBuilder(intOrString)
                        .setField(intOrString.findFieldByName("type"), 0L)
                        .setField(intOrString.findFieldByName("intVal"), 1).build())
                .build();
        Message spec = DynamicMessage.newBuilder(specType)
                .setField(specType.findFieldByName("replicas"), 0)
                .setField(specType.findFieldByName("minReadySeconds"), 0)
                .setField(specType.findFieldByName("template"), template)
                .setField(specType.findFieldByName("strategy"), DynamicMessage.newBuilder(strategyType)
                        .setField(strategyType.findFieldByName("rollingUpdate"), rolling).build())
                .build();
        Message deployment = DynamicMessage.newBuilder(deploymentType)
                .setField(deploymentType.findFieldByName("metadata"), DynamicMessage.newBuilder(metaType)
                        .setField(metaType.findFieldByName("name"), "web").build())
                .setField(deploymentType.findFieldByName("spec"), spec)
                .build();

        JsonNode decoded = ProtobufDecoder.decode(envelope("apps/v1", "Deployment", deployment));

        assertEquals(JSON.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":0,
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"web","image":"nginx:1.27",
                                                            "resources":{"limits":{"cpu":"500m"}}}]}},
                         "strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}}}}"""), decoded);
        assertFalse(decoded.path("spec").has("minReadySeconds"), "non-pointer zero scalars are omitted like omitempty");
    }

    @Test
    void inlineEmbeddedStructsAreLiftedIntoTheirParent() throws Exception {
        Descriptor ingressType = KubernetesProtos.forType("networking.k8s.io/v1", "Ingress");
        Descriptor specType = field(ingressType, "spec");
        Descriptor ruleType = field(specType, "rules");
        Descriptor valueType = field(ruleType, "ingressRuleValue");
        Descriptor httpType = field(valueType, "http");
        Descriptor pathType = field(httpType, "paths");
        Message path = DynamicMessage.newBuilder(pathType)
                .setField(pathType.findFieldByName("path"), "/bar")
                .setField(pathType.findFieldByName("pathType"), "Exact").build();
        Message rule = DynamicMessage.newBuilder(ruleType)
                .setField(ruleType.findFieldByName("host"), "foo.com")
                .setField(ruleType.findFieldByName("ingressRuleValue"), DynamicMessage.newBuilder(valueType)
                        .setField(valueType.findFieldByName("http"), DynamicMessage.newBuilder(httpType)
                                .addRepeatedField(httpType.findFieldByName("paths"), path).build()).build())
                .build();
        Message ingress = DynamicMessage.newBuilder(ingressType)
                .setField(ingressType.findFieldByName("spec"), DynamicMessage.newBuilder(specType)
                        .addRepeatedField(specType.findFieldByName("rules"), rule).build()).build();

        JsonNode decoded = ProtobufDecoder.decode(envelope("networking.k8s.io/v1", "Ingress", ingress));
        assertEquals(JSON.readTree("""
                {"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Exact"}]}}"""),
                decoded.get("spec").get("rules").get(0));
    }

    @Test
    void falsePointerBooleansOfStorageKindsAreKept() throws Exception {
        Descriptor driverType = KubernetesProtos.forType("storage.k8s.io/v1", "CSIDriver");
        Descriptor specType = field(driverType, "spec");
        Message driver = DynamicMessage.newBuilder(driverType)
                .setField(driverType.findFieldByName("spec"), DynamicMessage.newBuilder(specType)
                        .setField(specType.findFieldByName("attachRequired"), false)
                        .setField(specType.findFieldByName("podInfoOnMount"), true).build()).build();
        assertEquals(JSON.readTree("""
                {"attachRequired":false,"podInfoOnMount":true}"""),
                ProtobufDecoder.decode(envelope("storage.k8s.io/v1", "CSIDriver", driver)).get("spec"));

        Descriptor classType = KubernetesProtos.forType("scheduling.k8s.io/v1", "PriorityClass");
        Message priorityClass = DynamicMessage.newBuilder(classType)
                .setField(classType.findFieldByName("value"), 1000)
                .setField(classType.findFieldByName("globalDefault"), false).build();
        assertEquals(JSON.readTree("""
                {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","value":1000}"""),
                ProtobufDecoder.decode(envelope("scheduling.k8s.io/v1", "PriorityClass", priorityClass)));
    }

    @Test
    void kindsWithoutASchemaAreUnsupported() {
        Descriptor unknownType = KubernetesProtos.UNKNOWN;
        ApiException e = assertThrows(ApiException.class, () -> ProtobufDecoder.decode(
                envelope("example.com/v1", "Widget", DynamicMessage.newBuilder(unknownType).build())));
        assertEquals(415, e.code());
    }

    private static Descriptor field(Descriptor type, String name) {
        return type.findFieldByName(name).getMessageType();
    }

    private static Message quantity(Descriptor resourcesType, String value) {
        Descriptor quantity = resourcesType.findFieldByName("limits").getMessageType().findFieldByName("value").getMessageType();
        return DynamicMessage.newBuilder(quantity).setField(quantity.findFieldByName("string"), value).build();
    }

    private static Message mapEntry(Descriptor owner, String mapField, String key, Object value) {
        Descriptor entry = owner.findFieldByName(mapField).getMessageType();
        return DynamicMessage.newBuilder(entry).setField(entry.findFieldByNumber(1), key)
                .setField(entry.findFieldByNumber(2), value).build();
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) throws Exception {
        Descriptor typeMetaType = KubernetesProtos.UNKNOWN.findFieldByNumber(1).getMessageType();
        Message unknown = DynamicMessage.newBuilder(KubernetesProtos.UNKNOWN)
                .setField(KubernetesProtos.UNKNOWN.findFieldByNumber(1), DynamicMessage.newBuilder(typeMetaType)
                        .setField(typeMetaType.findFieldByNumber(1), apiVersion)
                        .setField(typeMetaType.findFieldByNumber(2), kind).build())
                .setField(KubernetesProtos.UNKNOWN.findFieldByNumber(2), ByteString.copyFrom(object.toByteArray()))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {'k', '8', 's', 0});
        unknown.writeTo(out);
        return out.toByteArray();
    }
}
