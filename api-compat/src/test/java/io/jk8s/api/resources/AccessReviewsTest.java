package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import io.jk8s.testing.Kubectl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kubectl auth can-i and whoami against the review resources as the local administrator: everything is allowed, nothing is stored. */
class AccessReviewsTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void canIAnswersYes() {
        assertEquals("yes\n", api.kubectl().run("auth", "can-i", "create", "pods").assertSuccess().out());
        assertEquals("yes\n", api.kubectl().run("auth", "can-i", "delete", "deployments.apps", "-n", "kube-system")
                .assertSuccess().out());
        assertEquals("yes\n", api.kubectl().run("auth", "can-i", "get", "/healthz").assertSuccess().out());
    }

    @Test
    void canIListPrintsTheRulesOfTheAdministratorsBindings() {
        List<String> lines = api.kubectl().run("auth", "can-i", "--list").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("Resources\\s+Non-Resource URLs\\s+Resource Names\\s+Verbs"), lines.toString());
        // cluster-admin, bound to system:masters
        assertTrue(lines.get(1).matches("\\*\\.\\*\\s+\\[]\\s+\\[]\\s+\\[\\*]"), lines.toString());
        assertTrue(lines.get(2).matches("\\s+\\[\\*]\\s+\\[]\\s+\\[\\*]"), lines.toString());
        // system:basic-user and system:discovery, bound to system:authenticated
        assertTrue(lines.get(3).matches("selfsubjectreviews\\.authentication\\.k8s\\.io\\s+\\[]\\s+\\[]\\s+\\[create]"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+\\[/apis/\\*]\\s+\\[]\\s+\\[get]")), lines.toString());
    }

    @Test
    void whoamiIsTheAdministrator() {
        List<String> lines = api.kubectl().run("auth", "whoami").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("ATTRIBUTE\\s+VALUE"), lines.toString());
        assertTrue(lines.get(1).matches("Username\\s+system:admin"), lines.toString());
        assertTrue(lines.get(2).matches("Groups\\s+\\[system:masters system:authenticated]"), lines.toString());
        String review = api.kubectl().run("auth", "whoami", "-o", "jsonpath={.kind} {.metadata.creationTimestamp}").assertSuccess().out();
        assertTrue(review.matches("SelfSubjectReview \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), review);
    }

    @Test
    void reviewsAreCreateOnly() {
        Kubectl kubectl = api.kubectl();
        String review = kubectl.runWithInput("""
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                 "spec":{"resourceAttributes":{"verb":"list","resource":"secrets","namespace":"default"}}}""",
                "create", "--raw", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "-f", "-").assertSuccess().out();
        assertTrue(review.contains("\"status\":{\"allowed\":true}"), review);
        assertTrue(review.contains("\"kind\":\"SelfSubjectAccessReview\"")
                && review.contains("\"apiVersion\":\"authorization.k8s.io/v1\""), review);

        String invalid = kubectl.runWithInput("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{}}",
                "create", "--raw", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "-f", "-").err();
        assertTrue(invalid.contains("The SelfSubjectAccessReview \"\" is invalid: spec.resourceAttributes: Invalid value: "
                + "\"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified"), invalid);

        String noNamespace = kubectl.runWithInput("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\",\"spec\":{}}",
                "create", "--raw", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", "-f", "-").err();
        assertTrue(noNamespace.contains("no namespace on request"), noNamespace);

        String list = kubectl.run("get", "--raw", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").err();
        assertTrue(list.contains("MethodNotAllowed") || list.contains("Method Not Allowed")
                || list.contains("the server does not allow this method on the requested resource"), list);

        String explained = kubectl.run("explain", "selfsubjectaccessreviews.status.allowed").assertSuccess().out();
        assertTrue(explained.contains("GROUP:      authorization.k8s.io") && explained.contains("FIELD: allowed <boolean>"), explained);

        String discovery = kubectl.run("api-resources", "--api-group=authorization.k8s.io", "-o", "wide").assertSuccess().out();
        assertTrue(discovery.matches("(?s).*selfsubjectaccessreviews\\s+authorization.k8s.io/v1\\s+false\\s+SelfSubjectAccessReview\\s+create\\s.*"),
                discovery);
    }
}
