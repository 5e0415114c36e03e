package io.jk8s.api.registry.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "simple" JSONPath of additionalPrinterColumns and the scale subresource's paths: field
 * steps ({@code .spec.replicas}, {@code ['a.b']}), array indexes ({@code [0]}) and equality filters
 * ({@code [?(@.type=="Ready")]}), each step yielding at most the first match, which is all kube's
 * column printer uses.
 */
final class SimpleJsonPath {

    /** One step from a node to the next, null when there is none. */
    private sealed interface Step permits Field, Index, Filter {
        JsonNode from(JsonNode node);
    }

    private record Field(String name) implements Step {
        @Override
        public JsonNode from(JsonNode node) {
            return node.isObject() ? node.get(name) : null;
        }
    }

    private record Index(int index) implements Step {
        @Override
        public JsonNode from(JsonNode node) {
            return node.isArray() && index >= 0 && index < node.size() ? node.get(index) : null;
        }
    }

    /** The first array item whose field equals the value. */
    private record Filter(List<String> path, String value) implements Step {
        @Override
        public JsonNode from(JsonNode array) {
            if (!array.isArray()) {
                return null;
            }
            for (JsonNode item : array) {
                JsonNode found = item;
                for (String field : path) {
                    found = found.path(field);
                }
                if (found.isValueNode() && found.asText().equals(value)) {
                    return item;
                }
            }
            return null;
        }
    }

    private final List<Step> steps;

    private SimpleJsonPath(List<Step> steps) {
        this.steps = steps;
    }

    /** @throws IllegalArgumentException for a path outside the supported subset */
    static SimpleJsonPath parse(String path) {
        String text = path.trim();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end > i + 1) {
                    steps.add(new Field(text.substring(i + 1, end)));
                }
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated [ in " + path);
                }
                String inside = text.substring(i + 1, end).trim();
                if (inside.startsWith("?(") && inside.endsWith(")")) {
                    steps.add(filter(inside.substring(2, inside.length() - 1), path));
                } else if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else {
                    try {
                        steps.add(new Index(Integer.parseInt(inside)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("unsupported step [" + inside + "] in " + path);
                    }
                }
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in " + path);
            }
        }
        return new SimpleJsonPath(List.copyOf(steps));
    }

    private static Filter filter(String expression, String path) {
        int eq = expression.indexOf("==");
        if (eq < 0 || !expression.startsWith("@.")) {
            throw new IllegalArgumentException("unsupported filter in " + path);
        }
        List<String> fields = List.of(expression.substring(2, eq).trim().split("\\."));
        String value = expression.substring(eq + 2).trim();
        if ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return new Filter(fields, value);
    }

    /** The value at this path, if every step finds one. */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode current = root;
        for (Step step : steps) {
            if (current == null || current.isMissingNode() || current.isNull()) {
                return Optional.empty();
            }
            current = step.from(current);
        }
        return current == null || current.isMissingNode() || current.isNull() ? Optional.empty() : Optional.of(current);
    }

    /** The path's field names when it only has field steps (the scale subresource's paths). */
    List<String> fields() {
        List<String> names = new ArrayList<>();
        for (Step step : steps) {
            if (!(step instanceof Field f)) {
                throw new IllegalArgumentException("not a field path");
            }
            names.add(f.name());
        }
        return names;
    }
}
