package io.jk8s.api.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import java.util.Base64;

/**
 * The opaque {@code continue} token of a paged list, shaped like kube-apiserver's
 * (k8s.io/apiserver/pkg/storage/continue.go): base64url of {@code {"v":..,"rv":..,"start":..}},
 * where {@code start} is the next key relative to the collection prefix. Reusing the revision is
 * what makes all pages one consistent snapshot; once it is compacted the token expires (410).
 */
public record ContinueToken(@JsonProperty("v") String version, @JsonProperty("rv") long revision,
                            @JsonProperty("start") String start) {

    private static final String VERSION = "meta.k8s.io/v1";

    public static String encode(long revision, String start) {
        byte[] json = ObjectCodec.toJson(new ContinueToken(VERSION, revision, start));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    public static ContinueToken decode(String token) {
        ContinueToken decoded;
        try {
            decoded = ObjectCodec.fromJson(Base64.getUrlDecoder().decode(token), ContinueToken.class);
        } catch (RuntimeException e) {
            throw StatusErrors.badRequest("continue key is not valid: " + e.getMessage());
        }
        if (!VERSION.equals(decoded.version()) || decoded.revision() <= 0 || decoded.start() == null
                || decoded.start().contains("/..") || decoded.start().startsWith("../")) {
            throw StatusErrors.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        return decoded;
    }
}
