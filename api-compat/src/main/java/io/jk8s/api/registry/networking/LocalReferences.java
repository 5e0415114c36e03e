package io.jk8s.api.registry.networking;

import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import java.util.ArrayList;
import java.util.List;

/**
 * validateIngressTypedLocalObjectReference: the {@code apiGroup}/{@code kind}/{@code name} triple of
 * an ingress resource backend and of an IngressClass's parameters.
 */
final class LocalReferences {

    private LocalReferences() {}

    static void validate(String apiGroup, String kind, String name, String path, List<FieldError> errors) {
        if (apiGroup != null) {
            NameRule.DNS1123_SUBDOMAIN.check(apiGroup)
                    .forEach(problem -> errors.add(FieldError.invalid(path + ".apiGroup", apiGroup, problem)));
        }
        segment(kind, "kind", path, errors);
        segment(name, "name", path, errors);
    }

    private static void segment(String value, String field, String path, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(FieldError.required(path + "." + field, field + " is required"));
            return;
        }
        pathSegmentProblems(value).forEach(problem -> errors.add(FieldError.invalid(path + "." + field, value, problem)));
    }

    /** apimachinery's IsValidPathSegmentName. */
    private static List<String> pathSegmentProblems(String value) {
        if (value.equals(".") || value.equals("..")) {
            return List.of("may not be '" + value + "'");
        }
        List<String> problems = new ArrayList<>();
        for (String illegal : List.of("/", "%")) {
            if (value.contains(illegal)) {
                problems.add("may not contain '" + illegal + "'");
            }
        }
        return problems;
    }
}
