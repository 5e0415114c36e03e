package io.jk8s.api.codec.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one protobuf message field by field, for messages this server produces without generated
 * classes. Scalars follow proto3 as Go's proto.Marshal does: a zero value is not written, except
 * where a oneof makes it present ({@link #boolPresent}). Nested messages are written whole, so a
 * present but empty message still appears as a zero-length field.
 */
public final class ProtoWriter {

    private final ByteString.Output bytes = ByteString.newOutput();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    public ProtoWriter string(int field, String value) {
        if (!value.isEmpty()) {
            write(() -> out.writeString(field, value));
        }
        return this;
    }

    /** An element of a repeated string: written even when empty, since it holds a place in the list. */
    public ProtoWriter stringElement(int field, String value) {
        write(() -> out.writeString(field, value));
        return this;
    }

    public ProtoWriter bool(int field, boolean value) {
        return value ? boolPresent(field, true) : this;
    }

    /** A bool member of a oneof: written even when false, since being set is what the oneof records. */
    public ProtoWriter boolPresent(int field, boolean value) {
        write(() -> out.writeBool(field, value));
        return this;
    }

    public ProtoWriter int64(int field, long value) {
        if (value != 0) {
            write(() -> out.writeInt64(field, value));
        }
        return this;
    }

    public ProtoWriter doubleValue(int field, double value) {
        if (value != 0) {
            write(() -> out.writeDouble(field, value));
        }
        return this;
    }

    public ProtoWriter message(int field, ProtoWriter message) {
        ByteString encoded = message.toByteString();
        write(() -> out.writeBytes(field, encoded));
        return this;
    }

    public ByteString toByteString() {
        write(out::flush);
        return bytes.toByteString();
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }
}
