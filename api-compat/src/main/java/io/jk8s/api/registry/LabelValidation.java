package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.jk8s.api.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Label keys and values, checked for every kind with apimachinery's messages
 * (ValidateLabels in k8s.io/apimachinery/pkg/apis/meta/v1/validation, IsQualifiedName and
 * IsValidLabelValue in pkg/util/validation).
 */
public final class LabelValidation {

    private static final String NAME_REGEX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern NAME = Pattern.compile(NAME_REGEX);
    private static final Pattern VALUE = Pattern.compile("(" + NAME_REGEX + ")?");
    private static final String NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '"
            + NAME_REGEX + "')";
    private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
            + "'12345', regex used for validation is '(" + NAME_REGEX + ")?')";

    private LabelValidation() {}

    static List<FieldError> validate(ObjectMeta meta) {
        return validate(meta.getLabels(), "metadata.labels");
    }

    public static List<FieldError> validate(Map<String, String> labels, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (labels == null) {
            return errors;
        }
        labels.forEach((key, value) -> {
            qualifiedNameProblems(key).forEach(p -> errors.add(FieldError.invalid(field, key, p)));
            if (value.length() > 63) {
                errors.add(FieldError.invalid(field, value, "must be no more than 63 characters"));
            }
            if (!VALUE.matcher(value).matches()) {
                errors.add(FieldError.invalid(field, value, VALUE_MESSAGE));
            }
        });
        return errors;
    }

    /** IsQualifiedName: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    public static List<String> qualifiedNameProblems(String key) {
        List<String> problems = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            if (parts[0].isEmpty()) {
                problems.add("prefix part must be non-empty");
            } else {
                NameRule.DNS1123_SUBDOMAIN.check(parts[0]).forEach(p -> problems.add("prefix part " + p));
            }
            name = parts[1];
        } else {
            problems.add("a qualified name " + NAME_MESSAGE + " with an optional DNS subdomain prefix and '/' (e.g. "
                    + "'example.com/MyName')");
            return problems;
        }
        if (name.isEmpty()) {
            problems.add("name part must be non-empty");
        } else if (name.length() > 63) {
            problems.add("name part must be no more than 63 characters");
        }
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            problems.add("name part " + NAME_MESSAGE);
        }
        return problems;
    }
}
