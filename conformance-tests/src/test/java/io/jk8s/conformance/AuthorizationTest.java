package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what, as kube-apiserver decides it: a service account (impersonated with kubectl's
 * --as, or presenting its token) is held to RBAC and told so in kube's words until a RoleBinding
 * grants it a role; a bad token is 401; the access reviews answer with RBAC's decision and reason.
 * Requests without credentials stay the local administrator.
 */
class AuthorizationTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void anImpersonatedServiceAccountIsForbiddenUntilARoleBindingGrantsItView() {
        kubectl.run("create", "namespace", "viewers").assertSuccess();
        String sa = "system:serviceaccount:viewers:default";

        Kubectl.Result denied = kubectl.run("get", "pods", "-n", "viewers", "--as=" + sa);
        assertEquals(1, denied.exitCode());
        assertEquals("Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:viewers:default\" cannot list"
                + " resource \"pods\" in API group \"\" in the namespace \"viewers\"", denied.err().strip());
        Kubectl.Result cannot = kubectl.run("auth", "can-i", "list", "pods", "-n", "viewers", "--as=" + sa);
        assertEquals(1, cannot.exitCode());
        assertEquals("no", cannot.out().strip());
        // discovery is open to every authenticated user (system:discovery)
        kubectl.run("api-resources", "--api-group=apps", "--as=" + sa).assertSuccess();

        aggregated("view");
        kubectl.run("create", "rolebinding", "default-view", "--clusterrole=view", "--serviceaccount=viewers:default",
                "-n", "viewers").assertSuccess();

        Kubectl.Result allowed = kubectl.run("get", "pods", "-n", "viewers", "--as=" + sa).assertSuccess();
        assertEquals("No resources found in viewers namespace.", allowed.err().strip());
        assertEquals("yes", kubectl.run("auth", "can-i", "list", "pods", "-n", "viewers", "--as=" + sa).assertSuccess().out().strip());
        assertEquals("yes", kubectl.run("auth", "can-i", "get", "pods", "--subresource=log", "-n", "viewers", "--as=" + sa)
                .assertSuccess().out().strip());
        assertEquals("no", kubectl.run("auth", "can-i", "create", "pods", "-n", "viewers", "--as=" + sa).out().strip());
        assertEquals("no", kubectl.run("auth", "can-i", "list", "pods", "-n", "default", "--as=" + sa).out().strip());
        assertEquals("no", kubectl.run("auth", "can-i", "list", "secrets", "-n", "viewers", "--as=" + sa).out().strip());
        Kubectl.Result secrets = kubectl.run("get", "secret", "anything", "-n", "viewers", "--as=" + sa);
        assertEquals("Error from server (Forbidden): secrets \"anything\" is forbidden: User \"system:serviceaccount:viewers:default\""
                + " cannot get resource \"secrets\" in API group \"\" in the namespace \"viewers\"", secrets.err().strip());

        assertEquals("""
                ATTRIBUTE   VALUE
                Username    system:serviceaccount:viewers:default
                Groups      [system:serviceaccounts system:serviceaccounts:viewers system:authenticated]
                """, kubectl.run("auth", "whoami", "--as=" + sa).assertSuccess().out());
        // without credentials: the local administrator, allowed everything
        assertEquals("yes", kubectl.run("auth", "can-i", "create", "pods").assertSuccess().out().strip());
        assertEquals("yes", kubectl.run("auth", "can-i", "impersonate", "users").assertSuccess().out().strip());
    }

    @Test
    void aTokenFromCreateTokenActsAsItsServiceAccountAndABadTokenIsUnauthorized() throws Exception {
        kubectl.run("create", "namespace", "robots").assertSuccess();
        kubectl.run("create", "serviceaccount", "robot", "-n", "robots").assertSuccess();
        String token = kubectl.run("create", "token", "robot", "-n", "robots").assertSuccess().out().strip();

        // kubectl sends --token only over https, so the header is sent as curl would
        HttpResponse<String> denied = get("/api/v1/namespaces/robots/configmaps", token);
        assertEquals(403, denied.statusCode());
        assertEquals(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"configmaps is forbidden: User \\"system:serviceaccount:robots:robot\\" cannot list resource \\"configmaps\\" in API group \\"\\" in the namespace \\"robots\\"",
                 "reason":"Forbidden","details":{"kind":"configmaps"},"code":403}"""), JSON.readTree(denied.body()));
        assertEquals(200, get("/api", token).statusCode());
        assertEquals(200, get("/version", token).statusCode());

        aggregated("edit");
        kubectl.run("create", "rolebinding", "robot-edit", "--clusterrole=edit", "--serviceaccount=robots:robot", "-n", "robots")
                .assertSuccess();
        HttpResponse<String> listed = get("/api/v1/namespaces/robots/configmaps", token);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("ConfigMapList", JSON.readTree(listed.body()).path("kind").asText());
        assertEquals(403, get("/api/v1/namespaces/default/configmaps", token).statusCode());

        HttpResponse<String> whoami = post("/apis/authentication.k8s.io/v1/selfsubjectreviews", token,
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
        assertEquals(201, whoami.statusCode(), whoami.body());
        assertEquals("system:serviceaccount:robots:robot", JSON.readTree(whoami.body()).path("status").path("userInfo").path("username").asText());

        // a service account may not impersonate unless a role lets it
        HttpResponse<String> impersonating = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/robots/configmaps"))
                .header("Authorization", "Bearer " + token).header("Impersonate-User", "alice").build());
        assertEquals(403, impersonating.statusCode());
        assertEquals("users \"alice\" is forbidden: User \"system:serviceaccount:robots:robot\" cannot impersonate resource \"users\""
                + " in API group \"\" at the cluster scope", JSON.readTree(impersonating.body()).path("message").asText());

        for (String bad : new String[] {"not-a-token", token.substring(0, token.length() - 4) + "AAAA"}) {
            HttpResponse<String> unauthorized = get("/api/v1/namespaces/robots/configmaps", bad);
            assertEquals(401, unauthorized.statusCode());
            assertEquals(JSON.readTree("""
                    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",
                     "reason":"Unauthorized","code":401}"""), JSON.readTree(unauthorized.body()));
        }
        // the token stops working when its service account goes
        kubectl.run("delete", "serviceaccount", "robot", "-n", "robots").assertSuccess();
        assertEquals(401, get("/api/v1/namespaces/robots/configmaps", token).statusCode());
    }

    @Test
    void subjectAccessReviewsAnswerWithTheBindingThatAllows() throws Exception {
        kubectl.run("create", "namespace", "reviews").assertSuccess();
        aggregated("view");
        aggregated("edit");
        kubectl.run("create", "clusterrolebinding", "auditor-view", "--clusterrole=view", "--user=auditor").assertSuccess();

        JsonNode allowed = review("""
                apiVersion: authorization.k8s.io/v1
                kind: SubjectAccessReview
                spec:
                  user: auditor
                  resourceAttributes: {namespace: reviews, verb: list, resource: deployments, group: apps}
                """);
        assertEquals(true, allowed.path("status").path("allowed").asBoolean());
        assertEquals("RBAC: allowed by ClusterRoleBinding \"auditor-view\" of ClusterRole \"view\" to User \"auditor\"",
                allowed.path("status").path("reason").asText());

        JsonNode denied = review("""
                apiVersion: authorization.k8s.io/v1
                kind: SubjectAccessReview
                spec:
                  user: auditor
                  resourceAttributes: {namespace: reviews, verb: delete, resource: deployments, group: apps}
                """);
        assertEquals("{\"allowed\":false}", denied.path("status").toString());

        JsonNode discovery = review("""
                apiVersion: authorization.k8s.io/v1
                kind: SubjectAccessReview
                spec:
                  groups: [system:authenticated]
                  nonResourceAttributes: {verb: get, path: /apis/apps}
                """);
        assertEquals("RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole \"system:discovery\" to Group"
                + " \"system:authenticated\"", discovery.path("status").path("reason").asText());

        kubectl.run("create", "rolebinding", "auditor-edit", "--clusterrole=edit", "--user=auditor", "-n", "reviews").assertSuccess();
        JsonNode local = review("""
                apiVersion: authorization.k8s.io/v1
                kind: LocalSubjectAccessReview
                metadata: {namespace: reviews}
                spec:
                  user: auditor
                  resourceAttributes: {namespace: reviews, verb: delete, resource: deployments, group: apps}
                """);
        assertEquals("RBAC: allowed by RoleBinding \"auditor-edit/reviews\" of ClusterRole \"edit\" to User \"auditor\"",
                local.path("status").path("reason").asText());

        Kubectl.Result nobody = kubectl.runWithInput("""
                apiVersion: authorization.k8s.io/v1
                kind: SubjectAccessReview
                spec:
                  resourceAttributes: {verb: get, resource: pods}
                """, "create", "-f", "-", "-o", "json");
        assertEquals("The SubjectAccessReview \"\" is invalid: spec.user: Invalid value: \"\": at least one of user or group must be"
                + " specified", nobody.err().strip());
    }

    @Test
    void aNamespaceAdminCannotGrantWhatItDoesNotHold() {
        kubectl.run("create", "namespace", "team").assertSuccess();
        aggregated("admin");
        kubectl.run("create", "rolebinding", "team-admin", "--clusterrole=admin", "--serviceaccount=team:default", "-n", "team")
                .assertSuccess();
        String sa = "--as=system:serviceaccount:team:default";
        String groups = "(groups=[\"system:serviceaccounts\" \"system:serviceaccounts:team\" \"system:authenticated\"])";

        Kubectl.Result steal = kubectl.run("create", "rolebinding", "steal", "--clusterrole=cluster-admin",
                "--serviceaccount=team:default", "-n", "team", sa);
        assertEquals(1, steal.exitCode());
        assertEquals("error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io \"steal\" is forbidden: user"
                + " \"system:serviceaccount:team:default\" " + groups + " is attempting to grant RBAC permissions not currently held:\n"
                + "{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}\n{NonResourceURLs:[\"*\"], Verbs:[\"*\"]}", steal.err().strip());
        Kubectl.Result nodes = kubectl.run("create", "role", "node-reader", "--verb=get,list", "--resource=nodes", "-n", "team", sa);
        assertEquals("Error from server (Forbidden): roles.rbac.authorization.k8s.io \"node-reader\" is forbidden: user"
                + " \"system:serviceaccount:team:default\" " + groups + " is attempting to grant RBAC permissions not currently held:\n"
                + "{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\" \"list\"]}", nodes.err().strip());

        // what it holds it may pass on
        kubectl.run("create", "role", "pod-reader", "--verb=get,list", "--resource=pods", "-n", "team", sa).assertSuccess();
        kubectl.run("create", "rolebinding", "readers", "--role=pod-reader", "--user=carol", "-n", "team", sa).assertSuccess();
        assertEquals("yes", kubectl.run("auth", "can-i", "list", "pods", "-n", "team", "--as=carol").assertSuccess().out().strip());
    }

    /**
     * The user-facing roles get their rules from the clusterrole-aggregation controller shortly after start; edit
     * through view, so it is complete once it holds view's own rules (limitranges come only from system:aggregate-to-view).
     */
    private void aggregated(String clusterRole) {
        Eventually.until("clusterrole " + clusterRole + " aggregated", () -> kubectl.run("get", "clusterrole", clusterRole, "-o",
                "jsonpath={.rules[*].resources}").out(), resources -> resources.contains("limitranges"));
    }

    private JsonNode review(String yaml) throws Exception {
        return JSON.readTree(kubectl.runWithInput(yaml, "create", "-f", "-", "-o", "json").assertSuccess().out());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build());
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(cluster.server().url() + path);
    }
}
