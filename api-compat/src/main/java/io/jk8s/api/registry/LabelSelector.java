package io.jk8s.api.registry;

import io.jk8s.api.errors.StatusErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code labelSelector} query parameter in kube's string syntax
 * (k8s.io/apimachinery/pkg/labels/selector.go): {@code a=b}, {@code a==b}, {@code a!=b},
 * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1},
 * joined by commas (AND). Like upstream, {@code !=} and {@code notin} also match objects that lack
 * the label.
 */
public final class LabelSelector {

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    enum Operator { EXISTS, DOES_NOT_EXIST, EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, LESS_THAN }

    record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels == null ? null : labels.get(key);
            return switch (operator) {
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case GREATER_THAN -> compare(value) > 0;
                case LESS_THAN -> compare(value) < 0;
            };
        }

        /** Sign of label minus bound; 0 (no match) when the label is absent or not an integer. */
        private int compare(String value) {
            try {
                return value == null ? 0 : Long.compare(Long.parseLong(value), Long.parseLong(values.iterator().next()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** metav1.LabelSelectorAsSelector: matchLabels as equality, matchExpressions by operator; null selects nothing. */
    public static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return new LabelSelector(List.of(new Requirement("", Operator.IN, Set.of())));
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> requirements.add(new Requirement(k, Operator.EQUALS, Set.of(v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (var e : selector.getMatchExpressions()) {
                Set<String> values = e.getValues() == null ? Set.of() : Set.copyOf(e.getValues());
                Operator op = switch (e.getOperator()) {
                    case "In" -> Operator.IN;
                    case "NotIn" -> Operator.NOT_IN;
                    case "Exists" -> Operator.EXISTS;
                    default -> Operator.DOES_NOT_EXIST;
                };
                requirements.add(new Requirement(e.getKey(), op, values));
            }
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    /** Parses the query parameter; a syntax error is a 400 BadRequest, as upstream. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        Parser parser = new Parser(text);
        List<Requirement> requirements = new ArrayList<>();
        do {
            requirements.add(parser.requirement());
        } while (parser.consume(","));
        parser.expectEnd();
        return new LabelSelector(List.copyOf(requirements));
    }

    /** A small recursive-descent parser over the selector string. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Requirement requirement() {
            skipSpaces();
            if (consume("!")) {
                return new Requirement(identifier(), Operator.DOES_NOT_EXIST, Set.of());
            }
            String key = identifier();
            skipSpaces();
            if (atEnd() || peek(",")) {
                return new Requirement(key, Operator.EXISTS, Set.of());
            }
            if (consume("==") || consume("=")) {
                return new Requirement(key, Operator.EQUALS, Set.of(value()));
            }
            if (consume("!=")) {
                return new Requirement(key, Operator.NOT_EQUALS, Set.of(value()));
            }
            if (consume(">")) {
                return new Requirement(key, Operator.GREATER_THAN, Set.of(integer()));
            }
            if (consume("<")) {
                return new Requirement(key, Operator.LESS_THAN, Set.of(integer()));
            }
            if (consumeWord("notin")) {
                return new Requirement(key, Operator.NOT_IN, valueSet());
            }
            if (consumeWord("in")) {
                return new Requirement(key, Operator.IN, valueSet());
            }
            throw error("found '" + rest() + "', expected: in, notin, =, ==, !=, gt, lt");
        }

        private Set<String> valueSet() {
            skipSpaces();
            if (!consume("(")) {
                throw error("found '" + rest() + "', expected: '('");
            }
            Set<String> values = new LinkedHashSet<>();
            do {
                values.add(value());
                skipSpaces();
            } while (consume(","));
            if (!consume(")")) {
                throw error("found '" + rest() + "', expected: ')'");
            }
            return values;
        }

        private String identifier() {
            String key = word();
            if (key.isEmpty()) {
                throw error("found '" + rest() + "', expected: identifier");
            }
            return key;
        }

        private String value() {
            skipSpaces();
            return word();
        }

        private String integer() {
            String value = value();
            try {
                Long.parseLong(value);
                return value;
            } catch (NumberFormatException e) {
                throw error("for 'Gt', 'Lt' operators, the value must be an integer");
            }
        }

        /** Label keys and values: letters, digits, '-', '_', '.', '/'. */
        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
        }

        boolean consume(String token) {
            skipSpaces();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private boolean consumeWord(String word) {
            skipSpaces();
            int end = pos + word.length();
            if (text.startsWith(word, pos) && (end == text.length() || !isWordChar(text.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        private boolean peek(String token) {
            return text.startsWith(token, pos);
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        void expectEnd() {
            skipSpaces();
            if (!atEnd()) {
                throw error("found '" + rest() + "', expected: ',' or 'end of string'");
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private String rest() {
            return text.substring(pos);
        }

        private RuntimeException error(String detail) {
            return StatusErrors.badRequest("unable to parse requirement: " + detail);
        }
    }
}
