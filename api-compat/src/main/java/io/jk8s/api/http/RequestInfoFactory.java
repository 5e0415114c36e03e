package io.jk8s.api.http;

import io.jk8s.api.authorization.Attributes;
import io.jk8s.api.registry.authentication.RequestUser;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request asks to do, read from its method, path and query exactly as kube-apiserver's
 * RequestInfoFactory does (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go), so that
 * authorization sees the verb, namespace, resource, subresource and name kube would: a GET without
 * a name is list (or watch), a DELETE without one deletecollection, /namespaces/x is the namespace
 * itself. Paths outside /api and /apis are non-resource requests with the lower-cased method as verb.
 */
final class RequestInfoFactory {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    private RequestInfoFactory() {}

    static Attributes attributes(RequestUser user, String method, String path, MultiMap query) {
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList());
        if (parts.size() < 3 || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return Attributes.nonResource(user, method.toLowerCase(Locale.ROOT), path);
        }
        boolean groupless = parts.get(0).equals("api");
        parts = parts.subList(1, parts.size());
        String group = "";
        if (!groupless) {
            if (parts.size() < 3) {
                return Attributes.nonResource(user, method.toLowerCase(Locale.ROOT), path);
            }
            group = parts.get(0);
            parts = parts.subList(1, parts.size());
        }
        String version = parts.get(0);
        parts = parts.subList(1, parts.size());
        String verb;
        boolean proxy = false;
        if ((parts.get(0).equals("watch") || parts.get(0).equals("proxy")) && parts.size() > 1) {
            // the deprecated /watch/ and /proxy/ forms name their verb in the path
            verb = parts.get(0);
            proxy = verb.equals("proxy");
            parts = parts.subList(1, parts.size());
        } else {
            verb = switch (method) {
                case "POST" -> "create";
                case "GET", "HEAD" -> "get";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> "";
            };
        }
        String namespace = "";
        if (parts.get(0).equals("namespaces") && parts.size() > 1) {
            namespace = parts.get(1);
            if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                parts = parts.subList(2, parts.size());
            }
        }
        String resource = parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : "";
        String subresource = parts.size() > 2 && !proxy ? parts.get(2) : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = ResourceHandler.isTrue(query.get("watch")) ? "watch" : "list";
            name = nameFromFieldSelector(query.get("fieldSelector"));
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return Attributes.resource(user, verb, group, version, namespace, resource, subresource, name);
    }

    /** A list or watch of one object by metadata.name is authorized as a request for that name. */
    private static String nameFromFieldSelector(String selector) {
        if (selector == null) {
            return "";
        }
        for (String term : selector.split(",")) {
            String trimmed = term.trim();
            for (String prefix : List.of("metadata.name==", "metadata.name=")) {
                if (trimmed.startsWith(prefix)) {
                    String name = trimmed.substring(prefix.length());
                    return name.contains("/") || name.contains("%") || name.equals(".") || name.equals("..") ? "" : name;
                }
            }
        }
        return "";
    }
}
