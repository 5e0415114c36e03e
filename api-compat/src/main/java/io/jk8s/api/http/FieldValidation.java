package io.jk8s.api.http;

import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code fieldValidation} directive for fields a request sets that the kind does not have.
 * Those fields are dropped in every case; {@code Strict} rejects the request, {@code Warn} (kube's
 * default since 1.27) answers with a {@code Warning} header per field, which kubectl prints.
 */
enum FieldValidation {
    IGNORE, WARN, STRICT;

    static FieldValidation parse(String value) {
        if (value == null || value.isEmpty()) {
            return WARN;
        }
        return switch (value) {
            case "Ignore" -> IGNORE;
            case "Warn" -> WARN;
            case "Strict" -> STRICT;
            default -> throw StatusErrors.badRequest("fieldValidation: Unsupported value: \"" + value
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        };
    }

    /**
     * Throws {@code strictError} of the strict decoding message under Strict; otherwise returns the
     * warnings to send (none under Ignore).
     */
    List<String> check(List<String> unknownFields, Function<String, ApiException> strictError) {
        if (unknownFields.isEmpty() || this == IGNORE) {
            return List.of();
        }
        List<String> problems = unknownFields.stream().map(f -> "unknown field \"" + f + "\"").toList();
        if (this == STRICT) {
            throw strictError.apply("strict decoding error: " + String.join(", ", problems));
        }
        return problems;
    }

    /** kube's warning header: code 299, agent "-", the text quoted as Go's strconv.Quote would. */
    static void addWarnings(RoutingContext ctx, List<String> warnings) {
        for (String warning : warnings) {
            ctx.response().headers().add("Warning", "299 - \"" + warning.chars()
                    .mapToObj(c -> c == '"' || c == '\\' ? "\\" + (char) c : String.valueOf((char) c))
                    .collect(Collectors.joining()) + "\"");
        }
    }
}
