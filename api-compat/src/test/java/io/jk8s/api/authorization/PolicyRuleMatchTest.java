package io.jk8s.api.authorization;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.jk8s.api.registry.authentication.RequestUser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests one RBAC rule grants, on the cases of kube's rbac_test.go RuleAllows. */
class PolicyRuleMatchTest {

    private static final RequestUser BOB = new RequestUser("bob", "", List.of());

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> names, List<String> verbs) {
        PolicyRule rule = new PolicyRule();
        rule.setApiGroups(groups);
        rule.setResources(resources);
        rule.setResourceNames(names);
        rule.setVerbs(verbs);
        return rule;
    }

    private static Attributes request(String verb, String group, String resource, String subresource, String name) {
        return Attributes.resource(BOB, verb, group, "v1", "ns", resource, subresource, name);
    }

    @Test
    void resourcesSubresourcesAndNames() {
        PolicyRule pods = rule(List.of(""), List.of("pods"), null, List.of("get", "list"));
        assertTrue(PolicyRuleMatch.allows(request("list", "", "pods", "", ""), pods));
        assertFalse(PolicyRuleMatch.allows(request("create", "", "pods", "", ""), pods));
        assertFalse(PolicyRuleMatch.allows(request("get", "apps", "pods", "", ""), pods));
        // a subresource must be named: pods does not grant pods/log
        assertFalse(PolicyRuleMatch.allows(request("get", "", "pods", "log", "web"), pods));
        assertTrue(PolicyRuleMatch.allows(request("get", "", "pods", "log", "web"),
                rule(List.of(""), List.of("pods/log"), null, List.of("get"))));
        PolicyRule anyScale = rule(List.of("*"), List.of("*/scale"), null, List.of("update"));
        assertTrue(PolicyRuleMatch.allows(request("update", "apps", "deployments", "scale", "d"), anyScale));
        assertFalse(PolicyRuleMatch.allows(request("update", "apps", "deployments", "", "d"), anyScale));
        PolicyRule named = rule(List.of(""), List.of("configmaps"), List.of("settings"), List.of("*"));
        assertTrue(PolicyRuleMatch.allows(request("update", "", "configmaps", "", "settings"), named));
        assertFalse(PolicyRuleMatch.allows(request("update", "", "configmaps", "", "other"), named));
        // a list is for no name, so a rule naming objects does not grant it
        assertFalse(PolicyRuleMatch.allows(request("list", "", "configmaps", "", ""), named));
        assertTrue(PolicyRuleMatch.allows(request("deletecollection", "x", "y", "z", ""),
                rule(List.of("*"), List.of("*"), null, List.of("*"))));
    }

    @Test
    void nonResourceUrlsMatchExactlyOrByStarredPrefix() {
        PolicyRule discovery = new PolicyRule();
        discovery.setNonResourceURLs(List.of("/api", "/apis/*", "/healthz"));
        discovery.setVerbs(List.of("get"));
        assertTrue(PolicyRuleMatch.allows(Attributes.nonResource(BOB, "get", "/api"), discovery));
        assertFalse(PolicyRuleMatch.allows(Attributes.nonResource(BOB, "get", "/api/v1"), discovery));
        assertTrue(PolicyRuleMatch.allows(Attributes.nonResource(BOB, "get", "/apis/apps/v1"), discovery));
        assertFalse(PolicyRuleMatch.allows(Attributes.nonResource(BOB, "post", "/healthz"), discovery));
        assertFalse(PolicyRuleMatch.allows(Attributes.nonResource(BOB, "get", "/metrics"), discovery));
        // a resource rule grants no path
        assertFalse(PolicyRuleMatch.allows(Attributes.nonResource(BOB, "get", "/api"),
                rule(List.of("*"), List.of("*"), null, List.of("*"))));
    }
}
