package io.jk8s.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.openapi.SchemaNames;
import io.jk8s.api.openapi.TypeSchema;
import io.jk8s.api.openapi.UnknownFields;
import io.jk8s.api.patch.GoValueFormat;
import io.jk8s.api.patch.ObjectPatcher;
import io.jk8s.api.patch.PatchType;
import io.jk8s.api.registry.ResourceType;
import java.util.List;
import java.util.Optional;

/**
 * Turns request bodies into the objects the store writes: decodes create and update bodies, applies
 * PATCH bodies to the current object, and in both cases drops fields the kind does not declare
 * under the request's {@link FieldValidation} directive.
 */
final class RequestObjects {

    /** An object to write and the warnings to answer with. */
    record Decoded<T>(T object, List<String> warnings) {}

    private final SchemaCatalog schemas;
    private final UnknownFields unknownFields;
    private final ObjectPatcher patcher;

    RequestObjects(SchemaCatalog schemas) {
        this.schemas = schemas;
        this.unknownFields = new UnknownFields(schemas);
        this.patcher = new ObjectPatcher(schemas);
    }

    /**
     * A create or update body. Unknown fields under Strict are a 400, worded like kube's
     * transformDecodeError: {@code ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: ...}.
     */
    <T extends HasMetadata> Decoded<T> decode(JsonNode body, ResourceType<T> type, FieldValidation validation) {
        if (body == null || !body.isObject()) {
            throw StatusErrors.badRequest("the request body is empty; expected a " + type.kind());
        }
        String kind = body.path("kind").asText("");
        // taken before pruning changes the body, and only for the one message that quotes it
        String summary = kind.isEmpty() ? summary(body) : null;
        String version = body.path("apiVersion").asText("");
        String shownVersion = version.contains("/") ? version.substring(version.indexOf('/') + 1) : version;
        List<String> warnings = validation.check(prune(body, type), message -> StatusErrors.badRequest(kind.isEmpty()
                ? "the object provided is unrecognized (must be of type " + type.kind() + "): " + message + " (" + summary + ")"
                : kind + " in version \"" + shownVersion + "\" cannot be handled as a " + type.kind() + ": " + message));
        return new Decoded<>(toObject(body, type.modelClass()), warnings);
    }

    /**
     * The current object with a PATCH body applied. Unknown fields in the result under Strict are
     * kube's 422 on the field "patch".
     */
    <T extends HasMetadata> Decoded<T> patch(T current, ResourceType<T> type, PatchType patchType, byte[] body,
                                             FieldValidation validation) {
        Optional<TypeSchema> schema = type.strategy().servesStrategicMergePatch() ? schema(type) : Optional.empty();
        return patch(current, type.modelClass(), schema, tree -> prune(tree, type), patchType, body, validation);
    }

    /** A PATCH of an object that is not a resource of the table, such as a subresource's autoscaling/v1 Scale. */
    <M> Decoded<M> patch(M current, Class<M> model, PatchType patchType, byte[] body, FieldValidation validation) {
        Optional<TypeSchema> schema = schemas.type(SchemaNames.of(model));
        return patch(current, model, schema, tree -> prune(tree, schema), patchType, body, validation);
    }

    private <M> Decoded<M> patch(M current, Class<M> model, Optional<TypeSchema> schema,
                                 java.util.function.Function<JsonNode, List<String>> pruner, PatchType patchType, byte[] body,
                                 FieldValidation validation) {
        JsonNode patched = patcher.apply(ObjectCodec.JSON.valueToTree(current), patchType, body, schema);
        if (!patched.isObject()) {
            throw StatusErrors.badRequest("the patch does not produce a JSON object");
        }
        // kube quotes the patched object, except for strategic merge, where it prints the patch as a Go map
        String shown = patchType == PatchType.STRATEGIC_MERGE_PATCH ? GoValueFormat.format(readTree(body)) : patched.toString();
        List<String> warnings = validation.check(pruner.apply(patched),
                message -> StatusErrors.invalid("", "", "", List.of(FieldError.invalid("patch", shown, message))));
        return new Decoded<>(toObject(patched, model), warnings);
    }

    /**
     * A server-side apply body (YAML or JSON). Undeclared fields fail the request whatever the
     * validation directive, as upstream's conversion to a typed value does.
     */
    JsonNode applyConfiguration(byte[] body, ResourceType<?> type, String namespace, String name) {
        JsonNode config;
        try {
            config = body == null || body.length == 0 ? null : ObjectCodec.YAML.readTree(body);
        } catch (java.io.IOException e) {
            throw StatusErrors.badRequest("error decoding YAML: " + e.getMessage());
        }
        if (config == null || !config.isObject()) {
            throw StatusErrors.badRequest("error decoding YAML: the apply configuration must be an object");
        }
        List<String> unknown = prune(config.deepCopy(), type);
        if (!unknown.isEmpty()) {
            String group = type.group().isEmpty() ? "" : type.group();
            throw StatusErrors.badRequest("failed to create typed patch object (" + (namespace == null ? "" : namespace + "/")
                    + name + "; " + group + "/" + type.version() + ", Kind=" + type.kind() + "): ." + unknown.get(0)
                    + ": field not declared in schema");
        }
        return config;
    }

    static <M> M toModel(JsonNode tree, Class<M> model) {
        return toObject(tree, model);
    }

    private static JsonNode readTree(byte[] body) {
        try {
            return ObjectCodec.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw StatusErrors.badRequest("error decoding patch: " + e.getMessage());
        }
    }

    /** kube's summarizeData: the body's first 30 characters. */
    private static String summary(JsonNode body) {
        String json = body.toString();
        return json.length() > 30 ? json.substring(0, 30) + " ..." : json;
    }

    /** Removes the fields the kind does not declare: by its own schema for a custom resource, else by the catalog's. */
    private List<String> prune(JsonNode object, ResourceType<?> type) {
        if (object.isObject()) {
            Optional<List<String>> pruned = type.strategy().pruneUndeclared((com.fasterxml.jackson.databind.node.ObjectNode) object);
            if (pruned.isPresent()) {
                return pruned.get();
            }
        }
        return prune(object, schema(type));
    }

    private List<String> prune(JsonNode object, Optional<TypeSchema> schema) {
        return schema.map(s -> unknownFields.prune(object, s.name())).orElse(List.of());
    }

    private Optional<TypeSchema> schema(ResourceType<?> type) {
        return schemas.forKind(type.group(), type.version(), type.kind());
    }

    private static <M> M toObject(JsonNode tree, Class<M> model) {
        try {
            return ObjectCodec.JSON.treeToValue(tree, model);
        } catch (JsonProcessingException e) {
            throw StatusErrors.badRequest("the body of the request could not be decoded as a " + model.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }
}
