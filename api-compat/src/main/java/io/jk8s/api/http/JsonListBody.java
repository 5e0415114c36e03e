package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.jk8s.api.codec.ObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@code <Kind>List} in JSON assembled from items that are already JSON (see
 * ResourceStore#listJson), field for field what {@link ObjectList} serializes to.
 */
final class JsonListBody {

    private JsonListBody() {}

    static byte[] of(String kind, String apiVersion, ListMeta metadata, List<byte[]> items) {
        byte[] head = ("{\"kind\":" + quoted(kind) + ",\"apiVersion\":" + quoted(apiVersion) + ",\"metadata\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] meta = ObjectCodec.toJson(metadata);
        byte[] itemsKey = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
        int size = head.length + meta.length + itemsKey.length + 2 + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            size += item.length;
        }
        byte[] out = new byte[size];
        int at = put(out, 0, head);
        at = put(out, at, meta);
        at = put(out, at, itemsKey);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            at = put(out, at, items.get(i));
        }
        out[at++] = ']';
        out[at] = '}';
        return out;
    }

    private static String quoted(String value) {
        return new String(ObjectCodec.toJson(value), StandardCharsets.UTF_8);
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }
}
