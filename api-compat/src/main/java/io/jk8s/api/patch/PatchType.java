package io.jk8s.api.patch;

import io.jk8s.api.errors.StatusErrors;
import java.util.Locale;

/** The patch formats, named by the request's Content-Type as kube-apiserver does. */
public enum PatchType {
    JSON_PATCH("application/json-patch+json"),
    MERGE_PATCH("application/merge-patch+json"),
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
    /** Server-side apply: the body is a (YAML or JSON) configuration, see io.jk8s.api.apply. */
    APPLY("application/apply-patch+yaml");

    /** What a 415 lists (kube's patchTypes for built-in kinds). */
    public static final String SUPPORTED = "application/json-patch+json, application/merge-patch+json, "
            + "application/strategic-merge-patch+json, application/apply-patch+yaml";

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** @throws io.jk8s.api.errors.ApiException 415 for anything else */
    public static PatchType fromContentType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (PatchType patchType : values()) {
            if (patchType.mediaType.equals(type)) {
                return patchType;
            }
        }
        throw StatusErrors.unsupportedMediaType(SUPPORTED);
    }
}
