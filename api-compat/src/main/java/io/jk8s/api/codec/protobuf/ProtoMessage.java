package io.jk8s.api.codec.protobuf;

import java.util.HashMap;
import java.util.Map;

/**
 * The schema of one Kubernetes protobuf message: field numbers to JSON field names and types,
 * transcribed from upstream's generated.proto files. Only what the decoder needs, as data.
 */
public final class ProtoMessage {

    /** How a field's wire value becomes JSON. */
    public enum Type {
        STRING, BYTES, BOOL, INT32, INT64,
        /** A nested message ({@link Field#message()}). */
        MESSAGE,
        /** {@code map<string, string>}: repeated entries {key = 1, value = 2}. */
        STRING_MAP,
        /** {@code map<string, bytes>}: values become base64, as in JSON. */
        BYTES_MAP,
        /** metav1.Time {seconds = 1, nanos = 2}: an RFC 3339 string in JSON. */
        TIME
    }

    public record Field(String jsonName, Type type, boolean repeated, ProtoMessage message) {}

    private final String name;
    private final Map<Integer, Field> fields = new HashMap<>();

    public ProtoMessage(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Field field(int number) {
        return fields.get(number);
    }

    public ProtoMessage scalar(int number, String jsonName, Type type) {
        fields.put(number, new Field(jsonName, type, false, null));
        return this;
    }

    public ProtoMessage repeated(int number, String jsonName, Type type) {
        fields.put(number, new Field(jsonName, type, true, null));
        return this;
    }

    public ProtoMessage message(int number, String jsonName, ProtoMessage message) {
        fields.put(number, new Field(jsonName, Type.MESSAGE, false, message));
        return this;
    }

    public ProtoMessage repeatedMessage(int number, String jsonName, ProtoMessage message) {
        fields.put(number, new Field(jsonName, Type.MESSAGE, true, message));
        return this;
    }
}
