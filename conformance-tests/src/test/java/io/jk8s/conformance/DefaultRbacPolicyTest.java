package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.Jk8sServer;
import io.jk8s.testing.Kubectl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-apiserver's default RBAC policy as a user meets it: the user-facing and system roles exist
 * from the first start, admin/edit/view carry the aggregated rules of the roles labelled for them
 * (a user's own role included, within seconds), and a restart puts deleted defaults and removed
 * rules back unless the administrator set autoupdate to "false".
 */
class DefaultRbacPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEW_LABEL = "rbac.authorization.k8s.io/aggregate-to-view";

    @TempDir
    Path work;

    @Test
    void defaultRolesAggregateAndSurviveRestarts() throws Exception {
        try (Jk8sServer server = Jk8sServer.start(work.resolve("data"))) {
            Kubectl kubectl = new Kubectl(server.kubeconfig(), work.resolve("home"));

            List<String> names = kubectl.run("get", "clusterroles", "-o", "name").assertSuccess().out().lines().toList();
            for (String name : List.of("admin", "edit", "view", "cluster-admin", "system:aggregate-to-admin", "system:aggregate-to-edit",
                    "system:aggregate-to-view", "system:basic-user", "system:discovery", "system:public-info-viewer", "system:monitoring",
                    "system:auth-delegator", "system:node", "system:node-proxier", "system:kube-scheduler", "system:kube-controller-manager",
                    "system:kube-dns", "system:volume-scheduler", "system:certificates.k8s.io:legacy-unknown-approver",
                    "system:service-account-issuer-discovery", "system:heapster", "system:node-bootstrapper",
                    "system:node-problem-detector", "system:persistent-volume-provisioner", "system:kube-aggregator",
                    "system:controller:clusterrole-aggregation-controller", "system:controller:deployment-controller")) {
                assertTrue(names.contains("clusterrole.rbac.authorization.k8s.io/" + name), name + " missing from " + names);
            }
            assertTrue(kubectl.run("get", "clusterroles").assertSuccess().out().lines()
                    .anyMatch(line -> line.matches("system:basic-user\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));
            assertEquals("Group/system:authenticated Group/system:unauthenticated ", kubectl.run("get", "clusterrolebinding",
                    "system:public-info-viewer", "-o", "jsonpath={range .subjects[*]}{.kind}/{.name} {end}").assertSuccess().out());
            assertEquals("ServiceAccount/kube-system/deployment-controller", kubectl.run("get", "clusterrolebinding",
                    "system:controller:deployment-controller", "-o",
                    "jsonpath={.subjects[0].kind}/{.subjects[0].namespace}/{.subjects[0].name}").assertSuccess().out());
            assertEquals("rbac-defaults true", kubectl.run("get", "role", "extension-apiserver-authentication-reader", "-n",
                    "kube-system", "-o", "jsonpath={.metadata.labels.kubernetes\\.io/bootstrapping} "
                            + "{.metadata.annotations.rbac\\.authorization\\.kubernetes\\.io/autoupdate}").assertSuccess().out());

            // view = system:aggregate-to-view; edit = system:aggregate-to-edit + view; admin = edit + system:aggregate-to-admin
            ArrayNode view = rules(kubectl, "system:aggregate-to-view");
            ArrayNode edit = rules(kubectl, "system:aggregate-to-edit").addAll(view);
            ArrayNode admin = edit.deepCopy().addAll(rules(kubectl, "system:aggregate-to-admin"));
            awaitRules(kubectl, "view", view);
            awaitRules(kubectl, "edit", edit);
            awaitRules(kubectl, "admin", admin);
            assertTrue(kubectl.run("get", "clusterrole", "view", "--show-managed-fields", "-o",
                    "jsonpath={range .metadata.managedFields[*]}{.manager} {.operation}{\"\\n\"}{end}").assertSuccess().out()
                    .contains("clusterrole-aggregation-controller Apply\n"));
            assertTrue(view.toString().contains("{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\",\"endpoints\","
                    + "\"persistentvolumeclaims\",\"persistentvolumeclaims/status\",\"pods\","), view.toString());
            String described = kubectl.run("describe", "clusterrole", "view").assertSuccess().out();
            assertTrue(described.startsWith("""
                    Name:         view
                    Labels:       kubernetes.io/bootstrapping=rbac-defaults
                                  rbac.authorization.k8s.io/aggregate-to-edit=true
                    Annotations:  rbac.authorization.kubernetes.io/autoupdate: true
                    PolicyRule:
                    """), described);
            assertTrue(described.contains("\n  horizontalpodautoscalers.autoscaling/status  []                 []              [get list watch]\n"),
                    described);
            assertTrue(described.lines().anyMatch(line -> line.matches("  pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get list watch\\]")), described);

            // a user's role labelled for view shows up in view, edit and admin, and leaves again with its label
            kubectl.runWithInput("""
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRole
                    metadata: {name: widget-viewer, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
                    rules:
                    - {apiGroups: [example.com], resources: [widgets], verbs: [get, list, watch]}
                    """, "apply", "-f", "-").assertSuccess();
            ArrayNode widgets = rules(kubectl, "widget-viewer");
            awaitRules(kubectl, "view", view.deepCopy().addAll(widgets));
            awaitRules(kubectl, "admin", edit.deepCopy().addAll(widgets).addAll(rules(kubectl, "system:aggregate-to-admin")));
            kubectl.run("label", "clusterrole", "widget-viewer", VIEW_LABEL + "-").assertSuccess();
            awaitRules(kubectl, "view", view);
            awaitRules(kubectl, "admin", admin);

            // what a restart restores, and what it leaves to the administrator
            kubectl.run("delete", "clusterrole", "system:monitoring").assertSuccess();
            kubectl.run("delete", "clusterrolebinding", "system:basic-user").assertSuccess();
            kubectl.run("delete", "role", "extension-apiserver-authentication-reader", "-n", "kube-system").assertSuccess();
            kubectl.run("patch", "clusterrole", "system:kube-dns", "--type=merge", "-p",
                    "{\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"endpoints\"],\"verbs\":[\"list\"]},"
                            + "{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]}]}").assertSuccess();
            kubectl.run("annotate", "clusterrole", "system:heapster", "--overwrite",
                    "rbac.authorization.kubernetes.io/autoupdate=false").assertSuccess();
            kubectl.run("patch", "clusterrole", "system:heapster", "--type=json", "-p",
                    "[{\"op\":\"remove\",\"path\":\"/rules/1\"}]").assertSuccess();
            String monitoring = kubectl.run("get", "clusterrole", "system:monitoring", "-o", "jsonpath={.rules}").out();
            assertFalse(monitoring.contains("/metrics"));

            server.restart();

            assertEquals("[{\"nonResourceURLs\":[\"/healthz\",\"/healthz/*\",\"/livez\",\"/livez/*\",\"/metrics\",\"/metrics/slis\","
                    + "\"/readyz\",\"/readyz/*\"],\"verbs\":[\"get\"]}]",
                    kubectl.run("get", "clusterrole", "system:monitoring", "-o", "jsonpath={.rules}").assertSuccess().out());
            assertEquals("Group/system:authenticated ", kubectl.run("get", "clusterrolebinding", "system:basic-user", "-o",
                    "jsonpath={range .subjects[*]}{.kind}/{.name} {end}").assertSuccess().out());
            kubectl.run("get", "role", "extension-apiserver-authentication-reader", "-n", "kube-system").assertSuccess();
            // kube's reconciliation appends what the role no longer grants, broken down to one verb and resource
            // per rule, and keeps what the user added
            assertEquals("[{\"apiGroups\":[\"\"],\"resources\":[\"endpoints\"],\"verbs\":[\"list\"]},"
                    + "{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]},"
                    + "{\"apiGroups\":[\"\"],\"resources\":[\"endpoints\"],\"verbs\":[\"watch\"]},"
                    + "{\"apiGroups\":[\"\"],\"resources\":[\"services\"],\"verbs\":[\"list\"]},"
                    + "{\"apiGroups\":[\"\"],\"resources\":[\"services\"],\"verbs\":[\"watch\"]}]",
                    kubectl.run("get", "clusterrole", "system:kube-dns", "-o", "jsonpath={.rules}").assertSuccess().out());
            assertEquals("[{\"apiGroups\":[\"\"],\"resources\":[\"events\",\"namespaces\",\"nodes\",\"pods\"],"
                    + "\"verbs\":[\"get\",\"list\",\"watch\"]}]",
                    kubectl.run("get", "clusterrole", "system:heapster", "-o", "jsonpath={.rules}").assertSuccess().out());
            awaitRules(kubectl, "admin", admin);
        }
    }

    private static ArrayNode rules(Kubectl kubectl, String clusterRole) throws Exception {
        JsonNode role = JSON.readTree(kubectl.run("get", "clusterrole", clusterRole, "-o", "json").assertSuccess().out());
        return (ArrayNode) role.path("rules");
    }

    private static void awaitRules(Kubectl kubectl, String clusterRole, ArrayNode expected) {
        Eventually.until(clusterRole + " aggregating " + expected, () -> {
            try {
                return rules(kubectl, clusterRole).toString();
            } catch (Exception e) {
                return e.toString();
            }
        }, expected.toString()::equals);
    }
}
