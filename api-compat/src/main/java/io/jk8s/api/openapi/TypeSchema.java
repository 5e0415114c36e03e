package io.jk8s.api.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named schema: an object with properties, or one of apimachinery's scalar-like types that
 * serialize as strings or numbers ({@link Special}).
 *
 * @param properties in name order
 * @param gvks the kinds this schema is the top-level type of ({@code x-kubernetes-group-version-kind})
 */
public record TypeSchema(String name, Special special, Map<String, FieldSchema> properties, List<String> required,
                         List<GroupVersionKind> gvks, String mapType) {

    /** Types whose JSON form is not an object with properties. */
    public enum Special { NONE, QUANTITY, INT_OR_STRING, TIME, MICRO_TIME, STRING, FREE_FORM }

    public record GroupVersionKind(String group, String version, String kind) {}

    public Optional<FieldSchema> field(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}
