package io.jk8s.api.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jk8s.api.codec.ObjectCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire JSON of a stored object without decoding it: objects are stored as the JSON the API
 * serves, minus {@code metadata.resourceVersion} (the key's revision), so serving one is the stored
 * bytes with that one field put back. Reads that need no conversion use this instead of a
 * decode and re-encode per object, as kube's watch cache serves cached serializations.
 */
final class StoredJson {

    private StoredJson() {}

    /**
     * {@code stored} with {@code "resourceVersion":"<revision>"} as the first field of its top-level
     * {@code metadata}, or null when the bytes have no metadata object.
     */
    static byte[] withResourceVersion(byte[] stored, long revision) {
        int open = metadataStart(stored);
        if (open < 0) {
            return null;
        }
        byte[] field = ("\"resourceVersion\":\"" + revision + "\"").getBytes(StandardCharsets.US_ASCII);
        boolean empty = stored[nextNonSpace(stored, open + 1)] == '}';
        byte[] out = new byte[stored.length + field.length + (empty ? 0 : 1)];
        System.arraycopy(stored, 0, out, 0, open + 1);
        System.arraycopy(field, 0, out, open + 1, field.length);
        int at = open + 1 + field.length;
        if (!empty) {
            out[at++] = ',';
        }
        System.arraycopy(stored, open + 1, out, at, stored.length - open - 1);
        return out;
    }

    /** The byte offset of the '{' that opens the top-level metadata object, or -1. */
    private static int metadataStart(byte[] json) {
        try (JsonParser parser = ObjectCodec.JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean metadata = "metadata".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (metadata) {
                    return value == JsonToken.START_OBJECT ? (int) parser.currentTokenLocation().getByteOffset() : -1;
                }
                parser.skipChildren();
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int nextNonSpace(byte[] json, int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
            i++;
        }
        return Math.min(i, json.length - 1);
    }
}
