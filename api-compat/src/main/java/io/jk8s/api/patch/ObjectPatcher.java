package io.jk8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.openapi.TypeSchema;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Applies one PATCH request body to the current object's JSON, whatever its type, with
 * kube-apiserver's errors: an undecodable patch is a 400, a JSON patch operation that does not fit
 * the object a 422, a strategic merge patch for a kind without a schema (custom resources) a 415.
 */
public final class ObjectPatcher {

    /** kube-apiserver's maxJSONPatchOperations. */
    private static final int MAX_JSON_PATCH_OPERATIONS = 10_000;

    private final StrategicMergePatcher strategic;

    public ObjectPatcher(SchemaCatalog catalog) {
        this.strategic = new StrategicMergePatcher(catalog);
    }

    public JsonNode apply(JsonNode current, PatchType type, byte[] body, Optional<TypeSchema> schema) {
        if (type == PatchType.STRATEGIC_MERGE_PATCH && schema.isEmpty()) {
            // kube serves strategic merge only for kinds compiled into it, never for custom resources
            throw StatusErrors.unsupportedMediaType(
                    "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
        JsonNode patch = decode(body);
        return switch (type) {
            case JSON_PATCH -> jsonPatch(current, patch);
            case MERGE_PATCH -> {
                if (!patch.isObject()) {
                    throw StatusErrors.badRequest("error decoding patch: a merge patch must be a JSON object");
                }
                yield JsonMergePatch.apply(current, patch);
            }
            case STRATEGIC_MERGE_PATCH -> strategic.apply(current, patch, schema.orElseThrow().name());
            // merged with ownership by io.jk8s.api.apply.FieldManager, which needs the managers, not just the object
            case APPLY -> throw new IllegalArgumentException("server-side apply is not a plain patch");
        };
    }

    private static JsonNode jsonPatch(JsonNode current, JsonNode patch) {
        if (!patch.isArray()) {
            throw StatusErrors.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        if (patch.size() > MAX_JSON_PATCH_OPERATIONS) {
            throw StatusErrors.requestEntityTooLarge("The allowed maximum operations in a JSON patch is "
                    + MAX_JSON_PATCH_OPERATIONS + ", got " + patch.size());
        }
        try {
            // RFC 6902 (and kube's json-patch library): removing a missing member is an error
            return JsonPatch.apply(patch, current, EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
        } catch (JsonPatchException e) {
            throw StatusErrors.unprocessable(e.getMessage());
        } catch (RuntimeException e) {
            // zjsonpatch reports malformed operations (missing "op", bad pointers) as plain exceptions
            throw StatusErrors.badRequest("error decoding patch: " + e.getMessage());
        }
    }

    private static JsonNode decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw StatusErrors.badRequest("error decoding patch: the request body is empty");
        }
        try {
            return ObjectCodec.JSON.readTree(body);
        } catch (IOException e) {
            throw StatusErrors.badRequest("error decoding patch: " + e.getMessage());
        }
    }
}
