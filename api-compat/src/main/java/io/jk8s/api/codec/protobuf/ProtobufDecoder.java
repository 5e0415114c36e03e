package io.jk8s.api.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes protobuf bodies ({@code application/vnd.kubernetes.protobuf}) into the JSON
 * tree of the same object, so the rest of the server only ever sees JSON. The wire format
 * (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the 4 bytes {@code k8s\0}, then a
 * runtime.Unknown whose typeMeta names the kind and whose raw bytes are the object's message.
 * The message is parsed with the upstream descriptor and turned into what Go's JSON encoding of
 * the same struct gives, including the types whose JSON form is not their message form.
 */
public final class ProtobufDecoder {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final String TIME = KubernetesProtos.META + "Time";
    private static final String MICRO_TIME_TYPE = KubernetesProtos.META + "MicroTime";
    private static final String DURATION = KubernetesProtos.META + "Duration";
    private static final String FIELDS_V1 = KubernetesProtos.META + "FieldsV1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper RAW_JSON = new ObjectMapper();
    /** time.Time{}.Unix(): 0001-01-01T00:00:00Z. */
    private static final long GO_ZERO_TIME_SECONDS = -62135596800L;
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private ProtobufDecoder() {}

    /** @throws ApiException 400 for malformed bodies, 415 for kinds without a schema */
    public static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw StatusErrors.badRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        try {
            // runtime.Unknown {typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2}
            DynamicMessage unknown = DynamicMessage.parseFrom(KubernetesProtos.UNKNOWN,
                    ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
            Message typeMeta = (Message) field(unknown, 1);
            String apiVersion = (String) field(typeMeta, 1);
            String kind = (String) field(typeMeta, 2);
            Descriptor schema = KubernetesProtos.forType(apiVersion, kind);
            if (schema == null) {
                throw StatusErrors.unsupportedMediaType("application/json, application/yaml");
            }
            ObjectNode object = JSON.objectNode();
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            object.setAll(message(DynamicMessage.parseFrom(schema, (ByteString) field(unknown, 2))));
            return object;
        } catch (InvalidProtocolBufferException e) {
            throw StatusErrors.badRequest("the protobuf body could not be decoded: " + e.getMessage());
        }
    }

    private static ObjectNode message(Message message) {
        ObjectNode node = JSON.objectNode();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (field.isMapField()) {
                ObjectNode map = node.putObject(KubernetesProtos.jsonName(field));
                for (Object item : (List<?>) entry.getValue()) {
                    Message mapEntry = (Message) item;
                    Descriptor entryType = field.getMessageType();
                    Object key = mapEntry.getField(entryType.findFieldByNumber(1));
                    FieldDescriptor valueField = entryType.findFieldByNumber(2);
                    map.set(String.valueOf(key), value(valueField, mapEntry.getField(valueField)));
                }
            } else if (field.isRepeated()) {
                ArrayNode array = node.putArray(KubernetesProtos.jsonName(field));
                ((List<?>) entry.getValue()).forEach(item -> array.add(value(field, item)));
            } else if (KubernetesProtos.inlined(field)) {
                node.setAll(message((Message) entry.getValue()));
            } else {
                JsonNode value = value(field, entry.getValue());
                if (value != null && !(isZero(value) && !KubernetesProtos.keepsZero(field))) {
                    node.set(KubernetesProtos.jsonName(field), value);
                }
            }
        }
        return node;
    }

    /** Go marshals every non-pointer scalar; its JSON encoding omits the zero ones (omitempty). */
    private static boolean isZero(JsonNode value) {
        return (value.isTextual() && value.asText().isEmpty()) || (value.isBoolean() && !value.asBoolean())
                || (value.isIntegralNumber() && value.asLong() == 0);
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case STRING -> JSON.textNode((String) value);
            case BYTE_STRING -> JSON.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case INT -> JSON.numberNode((Integer) value);
            case LONG -> JSON.numberNode((Long) value);
            case FLOAT -> JSON.numberNode((Float) value);
            case DOUBLE -> JSON.numberNode((Double) value);
            case ENUM -> JSON.textNode(value.toString());
            case MESSAGE -> special((Message) value);
        };
    }

    /** The types whose JSON is not their message: times, quantities, int-or-string, raw JSON. */
    private static JsonNode special(Message message) {
        return switch (message.getDescriptorForType().getFullName()) {
            case TIME -> time(message, DateTimeFormatter.ISO_INSTANT);
            case MICRO_TIME_TYPE -> time(message, MICRO_TIME);
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> JSON.textNode((String) field(message, 1));
            // IntOrString {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> ((Number) field(message, 1)).longValue() == 1
                    ? JSON.textNode((String) field(message, 3)) : JSON.numberNode((Integer) field(message, 2));
            case DURATION -> JSON.textNode(goDuration((Long) field(message, 1)));
            case FIELDS_V1, "k8s.io.apimachinery.pkg.runtime.RawExtension" ->
                    rawJson((ByteString) field(message, 1));
            default -> message(message);
        };
    }

    private static Object field(Message message, int number) {
        return message.getField(message.getDescriptorForType().findFieldByNumber(number));
    }

    private static JsonNode time(Message message, DateTimeFormatter format) {
        long seconds = (Long) field(message, 1);
        int nanos = (Integer) field(message, 2);
        if ((seconds == GO_ZERO_TIME_SECONDS || seconds == 0) && nanos == 0) {
            // Go's zero time.Time: metav1.Time marshals it as an empty message (older clients as year 1)
            return null;
        }
        return JSON.textNode(format.format(Instant.ofEpochSecond(seconds, nanos)));
    }

    private static JsonNode rawJson(ByteString raw) {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return RAW_JSON.readTree(raw.toByteArray());
        } catch (IOException e) {
            throw StatusErrors.badRequest("the protobuf body carries raw JSON that does not parse: " + e.getMessage());
        }
    }

    /** Go's time.Duration.String() for whole seconds and coarser, which is what clients send. */
    private static String goDuration(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        return m > 0 ? m + "m" + s + "s" : s + "s";
    }
}
