package io.jk8s.api.http;

import io.jk8s.api.codec.protobuf.ProtobufDecoder;
import io.jk8s.api.errors.StatusErrors;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content negotiation. Clients list alternatives in order of preference, e.g. kubectl get sends
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json};
 * the first alternative the endpoint offers wins. Alternatives with an {@code as=} this server
 * does not produce (v1beta1 Tables, v2beta1 discovery) are skipped, as kube-apiserver skips
 * unknown ones.
 */
public final class MediaTypes {

    private MediaTypes() {}

    /** @throws io.jk8s.api.errors.ApiException 406 when nothing in {@code accept} is offered */
    public static Representation negotiate(String accept, Set<Representation> offered) {
        if (accept == null || accept.isBlank()) {
            return Representation.JSON;
        }
        for (String alternative : accept.split(",")) {
            Representation match = match(alternative);
            if (match != null && offered.contains(match)) {
                return match;
            }
        }
        throw StatusErrors.notAcceptable("application/json, application/yaml");
    }

    private static Representation match(String alternative) {
        String[] parts = alternative.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2) {
                params.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
            }
        }
        String as = params.get("as");
        if (as != null) {
            if (!type.equals("application/json")) {
                return null;
            }
            if (as.equals("Table") && "meta.k8s.io".equals(params.get("g")) && "v1".equals(params.get("v"))) {
                return Representation.TABLE;
            }
            if (as.equals("APIGroupDiscoveryList") && "apidiscovery.k8s.io".equals(params.get("g")) && "v2".equals(params.get("v"))) {
                return Representation.DISCOVERY_V2;
            }
            return null;
        }
        return switch (type) {
            case "application/json", "application/*", "*/*" -> Representation.JSON;
            case "application/yaml" -> Representation.YAML;
            // kubectl 1.32 still sends the deprecated form
            case "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" ->
                    Representation.OPENAPI_V2_PROTOBUF;
            default -> null;
        };
    }

    /** The formats a request body can come in. */
    public enum BodyFormat { JSON, YAML, PROTOBUF }

    /** The request body format: JSON unless the client says otherwise; unknown types are a 415. */
    public static BodyFormat bodyFormat(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return BodyFormat.JSON;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> BodyFormat.JSON;
            case "application/yaml" -> BodyFormat.YAML;
            case ProtobufDecoder.MEDIA_TYPE -> BodyFormat.PROTOBUF;
            default -> throw StatusErrors.unsupportedMediaType(
                    "application/json, application/yaml, application/vnd.kubernetes.protobuf");
        };
    }
}
