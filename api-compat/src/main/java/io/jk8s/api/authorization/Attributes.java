package io.jk8s.api.authorization;

import io.jk8s.api.registry.authentication.RequestUser;

/**
 * What a request asks to do, as an authorizer sees it (k8s.io/apiserver/pkg/authorization/authorizer
 * AttributesRecord): a verb on a resource (group, namespace, resource, subresource, name) or on a
 * non-resource path.
 */
public record Attributes(RequestUser user, String verb, boolean resourceRequest, String apiGroup, String apiVersion,
                         String namespace, String resource, String subresource, String name, String path) {

    public static Attributes resource(RequestUser user, String verb, String apiGroup, String apiVersion, String namespace,
                                      String resource, String subresource, String name) {
        return new Attributes(user, verb, true, orEmpty(apiGroup), orEmpty(apiVersion), orEmpty(namespace), orEmpty(resource),
                orEmpty(subresource), orEmpty(name), "");
    }

    public static Attributes nonResource(RequestUser user, String verb, String path) {
        return new Attributes(user, verb, false, "", "", "", "", "", "", path);
    }

    public Attributes as(RequestUser other) {
        return new Attributes(other, verb, resourceRequest, apiGroup, apiVersion, namespace, resource, subresource, name, path);
    }

    /** The resource with its subresource, as RBAC rules name it ("pods/log"). */
    public String combinedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** responsewriters.forbiddenMessage: what the requester could not do, in kube's words. */
    public String forbiddenMessage() {
        String user = this.user == null ? "" : this.user.name();
        if (!resourceRequest) {
            return "User \"" + user + "\" cannot " + verb + " path \"" + path + "\"";
        }
        String scope = namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        return "User \"" + user + "\" cannot " + verb + " resource \"" + combinedResource() + "\" in API group \"" + apiGroup
                + "\" " + scope;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
