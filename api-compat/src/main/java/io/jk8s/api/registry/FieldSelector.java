package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.errors.StatusErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed {@code fieldSelector}: {@code field=value}, {@code field==value}, {@code field!=value},
 * comma-joined. Which fields are selectable is per resource (metadata.name and metadata.namespace
 * everywhere, plus the strategy's field labels); any other is a 400, as upstream.
 */
public final class FieldSelector<T extends HasMetadata> {

    private record Term<T>(Function<T, String> field, String value, boolean negated) {
        boolean matches(T object) {
            String actual = field.apply(object);
            return value.equals(actual == null ? "" : actual) != negated;
        }
    }

    private final List<Term<T>> terms;

    private FieldSelector(List<Term<T>> terms) {
        this.terms = terms;
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    public boolean matches(T object) {
        for (Term<T> term : terms) {
            if (!term.matches(object)) {
                return false;
            }
        }
        return true;
    }

    public static <T extends HasMetadata> FieldSelector<T> parse(String text, Strategy<T> strategy) {
        List<Term<T>> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new FieldSelector<>(terms);
        }
        Map<String, Function<T, String>> fields = new HashMap<>(strategy.fieldLabels());
        fields.put("metadata.name", o -> o.getMetadata().getName());
        fields.put("metadata.namespace", o -> o.getMetadata().getNamespace());
        for (String part : text.split(",")) {
            String term = part.trim();
            int ne = term.indexOf("!=");
            int eq = term.indexOf('=');
            if (eq < 0) {
                throw StatusErrors.badRequest("invalid selector: '" + text + "'; can't understand '" + term + "'");
            }
            boolean negated = ne >= 0 && ne < eq;
            String key = term.substring(0, negated ? ne : eq).trim();
            String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            Function<T, String> field = fields.get(key);
            if (field == null) {
                throw StatusErrors.badRequest("field label not supported: " + key);
            }
            terms.add(new Term<>(field, value, negated));
        }
        return new FieldSelector<>(List.copyOf(terms));
    }
}
