package io.jk8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import java.io.IOException;
import java.util.Locale;

/**
 * A PATCH body applied to the JSON of the current object, by its Content-Type: RFC 7386 merge
 * patches and RFC 6902 JSON patches. Strategic merge patches (kubectl's default for built-in
 * kinds) need the per-field merge keys and are refused with kube's 415 until they are supported.
 */
public final class PatchRequest {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";
    private static final String SUPPORTED = JSON_PATCH + ", " + MERGE_PATCH;

    private PatchRequest() {}

    public static JsonNode apply(String contentType, byte[] body, JsonNode current) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode patch;
        try {
            patch = ObjectCodec.JSON.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw StatusErrors.badRequest("error decoding patch: " + e.getMessage());
        }
        switch (type) {
            case MERGE_PATCH:
                return JsonMergePatch.apply(current, patch);
            case JSON_PATCH:
                try {
                    return JsonPatch.apply(patch, current);
                } catch (JsonPatchException | IllegalArgumentException e) {
                    throw StatusErrors.unprocessablePatch(e.getMessage());
                }
            default:
                throw StatusErrors.unsupportedMediaType(contentType, SUPPORTED);
        }
    }
}
