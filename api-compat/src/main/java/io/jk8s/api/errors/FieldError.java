package io.jk8s.api.errors;

import io.fabric8.kubernetes.api.model.StatusCause;

/**
 * One validation failure of one field, shaped like apimachinery's {@code field.Error}: the Status
 * message reads {@code <field>: <body>}, and each becomes a {@code details.causes[]} entry.
 */
public record FieldError(String reason, String field, String body) {

    /** {@code field.Invalid}: {@code Invalid value: "x": detail}. */
    public static FieldError invalid(String field, Object value, String detail) {
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return new FieldError("FieldValueInvalid", field, "Invalid value: " + shown + ": " + detail);
    }

    /** {@code field.Required}: {@code Required value: detail}. */
    public static FieldError required(String field, String detail) {
        return new FieldError("FieldValueRequired", field, "Required value" + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** {@code field.Forbidden}: {@code Forbidden: detail}. */
    public static FieldError forbidden(String field, String detail) {
        return new FieldError("FieldValueForbidden", field, "Forbidden: " + detail);
    }

    /** {@code field.Duplicate}: {@code Duplicate value: "x"}. */
    public static FieldError duplicate(String field, Object value) {
        return new FieldError("FieldValueDuplicate", field, "Duplicate value: " + shown(value));
    }

    /** {@code field.NotFound}: {@code Not found: "x"}. */
    public static FieldError notFound(String field, Object value) {
        return new FieldError("FieldValueNotFound", field, "Not found: " + shown(value));
    }

    /** {@code field.NotSupported}: {@code Unsupported value: "x": supported values: "a", "b"}. */
    public static FieldError notSupported(String field, Object value, java.util.List<String> supported) {
        return new FieldError("FieldValueNotSupported", field, "Unsupported value: " + shown(value) + ": supported values: "
                + String.join(", ", supported.stream().map(v -> "\"" + v + "\"").toList()));
    }

    /** {@code field.NotSupported} of values already formatted as Go prints them (an enum of JSON values). */
    public static FieldError notSupportedRaw(String field, String formattedValue, java.util.List<String> formattedSupported) {
        return new FieldError("FieldValueNotSupported", field, "Unsupported value: " + formattedValue + ": supported values: "
                + String.join(", ", formattedSupported));
    }

    /** {@code field.TooLong}: {@code Too long: may not be more than 5 bytes}. */
    public static FieldError tooLong(String field, long maxLength) {
        return new FieldError("FieldValueTooLong", field, "Too long: may not be more than " + maxLength
                + (maxLength == 1 ? " byte" : " bytes"));
    }

    /** {@code field.TooMany}: {@code Too many: 4: must have at most 3 items}. */
    public static FieldError tooMany(String field, long actual, long max) {
        return new FieldError("FieldValueTooMany", field, "Too many: " + actual + ": must have at most " + max
                + (max == 1 ? " item" : " items"));
    }

    /** {@code field.Invalid} with an already formatted value (Go's %#v of a map or struct). */
    public static FieldError invalidRaw(String field, String formattedValue, String detail) {
        return new FieldError("FieldValueInvalid", field, "Invalid value: " + formattedValue + ": " + detail);
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    public String message() {
        return field + ": " + body;
    }

    StatusCause toCause() {
        return new StatusCause(field, body, reason);
    }
}
