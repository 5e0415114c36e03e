package io.jk8s.api.registry.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kube's union reconciliation of a default ClusterRole against what is stored (reconcile_role.go, policy_comparator.go). */
class RoleReconciliationTest {

    @Test
    void rulesTheStoredRoleGrantsAnotherWayAreNotAddedAgain() {
        ClusterRole expected = role(rule(List.of(""), List.of("pods", "pods/scale"), List.of("get", "list")),
                new PolicyRuleBuilder().withNonResourceURLs("/healthz/ready").withVerbs("get").build());
        ClusterRole stored = role(rule(List.of("*"), List.of("pods"), List.of("*")), rule(List.of(""), List.of("*/scale"), List.of("get")),
                new PolicyRuleBuilder().withNonResourceURLs("/healthz/*").withVerbs("get").build());
        stored.getMetadata().setLabels(Map.of("kubernetes.io/bootstrapping", "rbac-defaults"));
        stored.getMetadata().setAnnotations(Map.of(PolicyMetadata.AUTOUPDATE, "true"));

        assertTrue(RoleReconciliation.CLUSTER_ROLES.reconcile(stored, expected));
        // only pods/scale list is missing: "*/scale" grants get, "*" verbs on pods grant the rest
        assertEquals("[] [pods/scale] [list]", text(stored.getRules().get(3)));
        assertEquals(4, stored.getRules().size());
        assertFalse(RoleReconciliation.CLUSTER_ROLES.reconcile(stored, expected), "a second pass changes nothing");
    }

    @Test
    void resourceNamesNarrowWhatARuleGrants() {
        ClusterRole expected = role(rule(List.of(""), List.of("configmaps"), List.of("get")));
        ClusterRole stored = role(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps").withResourceNames("one")
                .withVerbs("get").build());
        PolicyMetadata.addDefaults(stored);

        assertTrue(RoleReconciliation.CLUSTER_ROLES.reconcile(stored, expected));
        assertEquals("[] [configmaps] [get]", text(stored.getRules().get(1)));
    }

    @Test
    void storedLabelsAndAnnotationsWinButMissingOnesAreAdded() {
        ClusterRole expected = role();
        PolicyMetadata.addDefaults(expected);
        ClusterRole stored = role();
        stored.getMetadata().setAnnotations(Map.of(PolicyMetadata.AUTOUPDATE, "false"));

        assertTrue(PolicyMetadata.isProtected(stored));
        assertTrue(RoleReconciliation.CLUSTER_ROLES.reconcile(stored, expected));
        assertEquals(Map.of(PolicyMetadata.AUTOUPDATE, "false"), stored.getMetadata().getAnnotations());
        assertEquals(PolicyMetadata.LABELS, stored.getMetadata().getLabels());
    }

    private static String text(PolicyRule rule) {
        return rule.getApiGroups() + " " + rule.getResources() + " " + rule.getVerbs();
    }

    private static ClusterRole role(PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName("r").endMetadata().withRules(List.of(rules)).build();
    }

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }
}
