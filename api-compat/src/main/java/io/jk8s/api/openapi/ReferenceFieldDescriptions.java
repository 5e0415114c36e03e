package io.jk8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.jk8s.api.codec.ObjectCodec;
import java.util.Optional;

/**
 * The descriptions of fields whose type is another schema ({@code PodSpec.affinity},
 * {@code Pod.metadata}, {@code DeploymentSpec.template}), from {@code openapi/field-descriptions.json}.
 * kube writes these as a {@code $ref} with a sibling {@code description}; the generator of the Java
 * client's models drops siblings of a {@code $ref}, so {@link ModelDescriptions} cannot find them
 * there. The file is generated (see {@code src/build/field-descriptions.mjs}), keyed by kube's
 * definition name and then the field's JSON name.
 */
final class ReferenceFieldDescriptions {

    private static final String RESOURCE = "/openapi/field-descriptions.json";

    private final JsonNode byDefinition;

    private ReferenceFieldDescriptions(JsonNode byDefinition) {
        this.byDefinition = byDefinition;
    }

    static ReferenceFieldDescriptions load() {
        return new ReferenceFieldDescriptions(DataFile.read(RESOURCE, ObjectCodec.JSON));
    }

    Optional<String> field(String definition, String property) {
        JsonNode text = byDefinition.path(definition).path(property);
        return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
    }
}
