package io.jk8s.api.registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wire JSON of a stored object without decoding it: objects are stored as the JSON the API
 * serves, minus {@code metadata.resourceVersion} (the key's revision), so serving one is the stored
 * bytes with that one field put back. Reads that need no conversion use this instead of a
 * decode and re-encode per object, as kube's watch cache serves cached serializations.
 */
final class StoredJson {

    private static final byte[] METADATA = "\"metadata\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE_VERSION_FIELD = "\"resourceVersion\":\"".getBytes(StandardCharsets.US_ASCII);

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
        // written in place, digit by digit: a list does this for every item, and building the
        // field as a String first cost more than the copy
        int digits = digits(revision);
        boolean empty = stored[nextNonSpace(stored, open + 1)] == '}';
        byte[] out = new byte[stored.length + RESOURCE_VERSION_FIELD.length + digits + 1 + (empty ? 0 : 1)];
        System.arraycopy(stored, 0, out, 0, open + 1);
        int at = open + 1;
        System.arraycopy(RESOURCE_VERSION_FIELD, 0, out, at, RESOURCE_VERSION_FIELD.length);
        at += RESOURCE_VERSION_FIELD.length;
        long rest = revision;
        for (int d = at + digits - 1; d >= at; d--) {
            out[d] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        at += digits;
        out[at++] = '"';
        if (!empty) {
            out[at++] = ',';
        }
        System.arraycopy(stored, open + 1, out, at, stored.length - open - 1);
        return out;
    }

    private static int digits(long revision) {
        int digits = 1;
        for (long rest = revision / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /**
     * The byte offset of the '{' that opens the top-level metadata object, or -1. A scan rather than
     * a parser: a JsonParser's setup costs more than reading the few fields before metadata.
     */
    private static int metadataStart(byte[] json) {
        int i = nextNonSpace(json, 0);
        if (json[i] != '{') {
            return -1;
        }
        i = nextNonSpace(json, i + 1);
        while (i < json.length && json[i] == '"') {
            int nameEnd = skipString(json, i);
            boolean metadata = nameEnd - i == METADATA.length && Arrays.equals(json, i, nameEnd, METADATA, 0, METADATA.length);
            i = nextNonSpace(json, nameEnd);
            if (json[i] != ':') {
                return -1;
            }
            i = nextNonSpace(json, i + 1);
            if (metadata) {
                return json[i] == '{' ? i : -1;
            }
            i = nextNonSpace(json, skipValue(json, i));
            if (json[i] != ',') {
                return -1;
            }
            i = nextNonSpace(json, i + 1);
        }
        return -1;
    }

    /** The index after the string that starts (with its quote) at {@code from}. */
    private static int skipString(byte[] json, int from) {
        int i = from + 1;
        while (i < json.length && json[i] != '"') {
            i += json[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** The index after the value that starts at {@code from}: a string, a scalar, or a nested object or array. */
    private static int skipValue(byte[] json, int from) {
        int depth = 0;
        int i = from;
        while (i < json.length) {
            byte b = json[i];
            if (b == '"') {
                i = skipString(json, i);
                if (depth == 0) {
                    return i;
                }
                continue;
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (depth == 0 && b == ',') {
                return i;
            }
            i++;
        }
        return i;
    }

    private static int nextNonSpace(byte[] json, int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
            i++;
        }
        return Math.min(i, json.length - 1);
    }
}
