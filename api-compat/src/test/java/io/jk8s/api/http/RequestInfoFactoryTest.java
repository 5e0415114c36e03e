package io.jk8s.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.api.authorization.Attributes;
import io.jk8s.api.registry.authentication.RequestUser;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** The attributes a request is authorized by, on the cases of kube's requestinfo_test.go. */
class RequestInfoFactoryTest {

    private static final RequestUser BOB = new RequestUser("bob", "", java.util.List.of("system:authenticated"));

    private static String describe(String method, String path, String query) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.add(kv[0], kv[1]);
            }
        }
        Attributes a = RequestInfoFactory.attributes(BOB, method, path, params);
        return a.resourceRequest()
                ? String.join("|", a.verb(), a.apiGroup(), a.apiVersion(), a.namespace(), a.resource(), a.subresource(), a.name())
                : "nonresource|" + a.verb() + "|" + a.path();
    }

    @Test
    void resourceRequestsNameVerbScopeAndObject() {
        assertEquals("list||v1|default|pods||", describe("GET", "/api/v1/namespaces/default/pods", null));
        assertEquals("get||v1|default|pods||web", describe("GET", "/api/v1/namespaces/default/pods/web", null));
        assertEquals("watch||v1|default|pods||", describe("GET", "/api/v1/namespaces/default/pods", "watch=true"));
        assertEquals("list||v1||pods||", describe("GET", "/api/v1/pods", null));
        assertEquals("create||v1|default|pods||", describe("POST", "/api/v1/namespaces/default/pods", null));
        assertEquals("update||v1|default|pods|status|web", describe("PUT", "/api/v1/namespaces/default/pods/web/status", null));
        assertEquals("patch|apps|v1|ns|deployments|scale|d", describe("PATCH", "/apis/apps/v1/namespaces/ns/deployments/d/scale", null));
        assertEquals("delete||v1|default|pods||web", describe("DELETE", "/api/v1/namespaces/default/pods/web", null));
        assertEquals("deletecollection||v1|default|pods||", describe("DELETE", "/api/v1/namespaces/default/pods", null));
        assertEquals("get||v1|default|pods|log|web", describe("GET", "/api/v1/namespaces/default/pods/web/log", null));
        assertEquals("create||v1|default|pods|exec|web", describe("POST", "/api/v1/namespaces/default/pods/web/exec", null));
        // a namespace is addressed as itself
        assertEquals("get||v1|default|namespaces||default", describe("GET", "/api/v1/namespaces/default", null));
        assertEquals("update||v1|default|namespaces|finalize|default", describe("PUT", "/api/v1/namespaces/default/finalize", null));
        assertEquals("list||v1||namespaces||", describe("GET", "/api/v1/namespaces", null));
        assertEquals("list||v1||nodes||", describe("GET", "/api/v1/nodes", null));
        // a list of one name is authorized as that name
        assertEquals("watch||v1|default|configmaps||cm", describe("GET", "/api/v1/namespaces/default/configmaps",
                "watch=1&fieldSelector=metadata.name=cm"));
        assertEquals("proxy||v1|default|pods||web", describe("GET", "/api/v1/proxy/namespaces/default/pods/web/some/path", null));
        assertEquals("watch||v1|default|pods||", describe("GET", "/api/v1/watch/namespaces/default/pods", null));
    }

    @Test
    void everythingElseIsANonResourceRequest() {
        assertEquals("nonresource|get|/api", describe("GET", "/api", null));
        assertEquals("nonresource|get|/api/v1", describe("GET", "/api/v1", null));
        assertEquals("nonresource|get|/apis/apps", describe("GET", "/apis/apps", null));
        assertEquals("nonresource|get|/apis/apps/v1", describe("GET", "/apis/apps/v1", null));
        assertEquals("nonresource|get|/healthz", describe("GET", "/healthz", null));
        assertEquals("nonresource|post|/version", describe("POST", "/version", null));
    }
}
