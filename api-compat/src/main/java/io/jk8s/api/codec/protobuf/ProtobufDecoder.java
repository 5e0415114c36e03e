package io.jk8s.api.codec.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.jk8s.api.errors.StatusErrors;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads Kubernetes protobuf bodies ({@code application/vnd.kubernetes.protobuf}) into the JSON
 * tree of the same object, so the rest of the server only ever sees JSON. The wire format
 * (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the 4 bytes {@code k8s\0}, then a
 * runtime.Unknown whose typeMeta names the kind and whose raw bytes are the object's message.
 */
public final class ProtobufDecoder {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** time.Time{}.Unix(): 0001-01-01T00:00:00Z. */
    private static final long GO_ZERO_TIME_SECONDS = -62135596800L;

    private ProtobufDecoder() {}

    /** @throws io.jk8s.api.errors.ApiException 400 for malformed bodies, 415 for kinds without a schema */
    public static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw StatusErrors.badRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        try {
            ObjectNode unknown = read(CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length),
                    KubernetesProtos.UNKNOWN);
            String apiVersion = unknown.path("typeMeta").path("apiVersion").asText("");
            String kind = unknown.path("typeMeta").path("kind").asText("");
            ProtoMessage schema = KubernetesProtos.forType(apiVersion, kind);
            if (schema == null) {
                throw StatusErrors.unsupportedMediaType(MEDIA_TYPE + " (" + apiVersion + " " + kind + ")", "application/json, application/yaml");
            }
            byte[] raw = Base64.getDecoder().decode(unknown.path("raw").asText(""));
            ObjectNode object = JSON.objectNode();
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            object.setAll(read(CodedInputStream.newInstance(raw), schema));
            return object;
        } catch (IOException | RuntimeException e) {
            if (e instanceof io.jk8s.api.errors.ApiException api) {
                throw api;
            }
            throw StatusErrors.badRequest("the protobuf body could not be decoded: " + e.getMessage());
        }
    }

    private static ObjectNode read(CodedInputStream in, ProtoMessage schema) throws IOException {
        ObjectNode node = JSON.objectNode();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return node;
            }
            ProtoMessage.Field field = schema.field(WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            JsonNode value = readValue(in, field);
            if (value == null || (!field.repeated() && value.isTextual() && value.asText().isEmpty())) {
                // Go marshals unset strings as "", which its JSON encoding would omit: so do we
                continue;
            }
            switch (field.type()) {
                case STRING_MAP, BYTES_MAP -> node.withObject(field.jsonName()).setAll((ObjectNode) value);
                default -> {
                    if (field.repeated()) {
                        node.withArray(field.jsonName()).add(value);
                    } else {
                        node.set(field.jsonName(), value);
                    }
                }
            }
        }
    }

    private static JsonNode readValue(CodedInputStream in, ProtoMessage.Field field) throws IOException {
        return switch (field.type()) {
            case STRING -> JSON.textNode(in.readString());
            case BYTES -> JSON.textNode(Base64.getEncoder().encodeToString(in.readByteArray()));
            case BOOL -> JSON.booleanNode(in.readBool());
            case INT32 -> JSON.numberNode(in.readInt32());
            case INT64 -> JSON.numberNode(in.readInt64());
            case MESSAGE -> read(nested(in), field.message());
            case STRING_MAP, BYTES_MAP -> mapEntry(nested(in), field.type() == ProtoMessage.Type.BYTES_MAP);
            case TIME -> time(nested(in));
        };
    }

    private static CodedInputStream nested(CodedInputStream in) throws IOException {
        return CodedInputStream.newInstance(in.readByteArray());
    }

    private static ObjectNode mapEntry(CodedInputStream in, boolean bytesValue) throws IOException {
        String key = "";
        JsonNode value = JSON.textNode("");
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readString();
                case 2 -> value = bytesValue ? JSON.textNode(Base64.getEncoder().encodeToString(in.readByteArray()))
                        : JSON.textNode(in.readString());
                default -> in.skipField(tag);
            }
        }
        ObjectNode entry = JSON.objectNode();
        entry.set(key, value);
        return entry;
    }

    private static JsonNode time(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> seconds = in.readInt64();
                case 2 -> nanos = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        if (seconds == GO_ZERO_TIME_SECONDS && nanos == 0) {
            return null; // Go's zero time.Time: the client left the field unset
        }
        return JSON.textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds, nanos)));
    }
}
