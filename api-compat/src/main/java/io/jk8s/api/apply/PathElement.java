package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jk8s.api.codec.ObjectCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One step of a field path, as structured-merge-diff's fieldpath.PathElement: a field name
 * ({@code f:}), the key fields of an associative list item ({@code k:}), the value of a set item
 * ({@code v:}) or a list index ({@code i:}). Keys and values are held as canonical JSON text (key
 * fields sorted by name), so equal values compare equal whatever their Java number types.
 */
public record PathElement(Kind kind, String text) implements Comparable<PathElement> {

    /** The order of kinds is fieldpath's PathElement.Compare: names, then keys, values, indexes. */
    public enum Kind { FIELD, KEY, VALUE, INDEX }

    public static PathElement field(String name) {
        return new PathElement(Kind.FIELD, name);
    }

    /** An associative list item named by {@code keys} (field name to value). */
    public static PathElement key(Map<String, JsonNode> keys) {
        StringBuilder text = new StringBuilder("{");
        keys.keySet().stream().sorted().forEach(name -> {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(TextNode.valueOf(name)).append(':').append(keys.get(name));
        });
        return new PathElement(Kind.KEY, text.append('}').toString());
    }

    public static PathElement value(JsonNode value) {
        return new PathElement(Kind.VALUE, value.toString());
    }

    public static PathElement index(int index) {
        return new PathElement(Kind.INDEX, Integer.toString(index));
    }

    /** Parsed keys and values, which repeat across objects and requests; cleared when it grows large. */
    private static final Map<String, PathElement> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_LIMIT = 8192;

    /** Parses a FieldsV1 key such as {@code f:spec} or {@code k:{"name":"nginx"}}. */
    public static PathElement parse(String encoded) {
        if (encoded.startsWith("f:")) {
            return field(encoded.substring(2));
        }
        PathElement known = PARSED.get(encoded);
        if (known != null) {
            return known;
        }
        if (PARSED.size() > PARSED_LIMIT) {
            PARSED.clear();
        }
        PathElement parsed = parseUncached(encoded);
        PARSED.put(encoded, parsed);
        return parsed;
    }

    private static PathElement parseUncached(String encoded) {
        if (encoded.length() < 2 || encoded.charAt(1) != ':') {
            throw new IllegalArgumentException("not a path element: " + encoded);
        }
        String rest = encoded.substring(2);
        return switch (encoded.charAt(0)) {
            case 'f' -> field(rest);
            case 'k' -> new PathElement(Kind.KEY, canonicalKey(readJson(rest)));
            case 'v' -> value(readJson(rest));
            case 'i' -> index(Integer.parseInt(rest));
            default -> throw new IllegalArgumentException("unknown path element kind: " + encoded);
        };
    }

    /** The FieldsV1 key (serialize-pe.go). */
    public String encode() {
        return switch (kind) {
            case FIELD -> "f:" + text;
            case KEY -> "k:" + text;
            case VALUE -> "v:" + text;
            case INDEX -> "i:" + text;
        };
    }

    /** The name of a FIELD element. */
    public String name() {
        return text;
    }

    /** The key fields of a KEY element, in name order. */
    public ObjectNode keyFields() {
        return (ObjectNode) readJson(text);
    }

    /** fieldpath's PathElement.String, as conflict messages print it: {@code .image}, {@code [name="nginx"]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIELD -> "." + text;
            case KEY -> {
                List<String> parts = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> fields = keyFields().fields();
                fields.forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue()));
                yield "[" + String.join(",", parts) + "]";
            }
            case VALUE -> "[=" + text + "]";
            case INDEX -> "[" + text + "]";
        };
    }

    @Override
    public int compareTo(PathElement other) {
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        if (kind == Kind.INDEX) {
            return Integer.compare(Integer.parseInt(text), Integer.parseInt(other.text));
        }
        return text.compareTo(other.text);
    }

    private static String canonicalKey(JsonNode key) {
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        key.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return key(fields).text();
    }

    private static JsonNode readJson(String text) {
        try {
            return ObjectCodec.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
