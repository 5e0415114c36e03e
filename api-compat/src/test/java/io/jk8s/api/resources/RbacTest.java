package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.api.testing.KubectlServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** rbac.authorization.k8s.io/v1 as kubectl creates, applies, lists, describes and explains it (stored, not enforced). */
class RbacTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void kubectlCreateGetAndDescribeRolesAndBindings() {
        api.kubectl().run("create", "namespace", "team").assertSuccess();
        assertEquals("role.rbac.authorization.k8s.io/pod-reader created\n", api.kubectl()
                .run("-n", "team", "create", "role", "pod-reader", "--verb=get,list", "--resource=pods").assertSuccess().out());
        assertEquals("rolebinding.rbac.authorization.k8s.io/rb created\n", api.kubectl()
                .run("-n", "team", "create", "rolebinding", "rb", "--role=pod-reader", "--user=jane").assertSuccess().out());

        List<String> wide = api.kubectl().run("-n", "team", "get", "roles,rolebindings", "-o", "wide").assertSuccess().out()
                .lines().toList();
        assertLines(wide, "NAME\\s+CREATED AT", "role.rbac.authorization.k8s.io/pod-reader\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ",
                "", "NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS",
                "rolebinding.rbac.authorization.k8s.io/rb\\s+Role/pod-reader\\s+\\d+s\\s+jane\\s*");
        assertLines(api.kubectl().run("-n", "team", "get", "rolebindings").assertSuccess().out().lines().toList(),
                "NAME\\s+ROLE\\s+AGE", "rb\\s+Role/pod-reader\\s+\\d+s");
        assertEquals("[\"\"] [\"pods\"] [\"get\",\"list\"]", api.kubectl().run("-n", "team", "get", "role", "pod-reader", "-o",
                "jsonpath={.rules[0].apiGroups} {.rules[0].resources} {.rules[0].verbs}").assertSuccess().out());
        assertEquals("rbac.authorization.k8s.io User jane rbac.authorization.k8s.io Role pod-reader ",
                api.kubectl().run("-n", "team", "get", "rolebinding", "rb", "-o", "jsonpath={.subjects[0].apiGroup} "
                        + "{.subjects[0].kind} {.subjects[0].name} {.roleRef.apiGroup} {.roleRef.kind} {.roleRef.name} "
                        + "{.metadata.generation}").assertSuccess().out());

        assertEquals("""
                Name:         pod-reader
                Labels:       <none>
                Annotations:  <none>
                PolicyRule:
                  Resources  Non-Resource URLs  Resource Names  Verbs
                  ---------  -----------------  --------------  -----
                  pods       []                 []              [get list]
                """, api.kubectl().run("-n", "team", "describe", "role", "pod-reader").assertSuccess().out());
        assertEquals("""
                Name:         rb
                Labels:       <none>
                Annotations:  <none>
                Role:
                  Kind:  Role
                  Name:  pod-reader
                Subjects:
                  Kind  Name  Namespace
                  ----  ----  ---------
                  User  jane  \n""", api.kubectl().run("-n", "team", "describe", "rolebinding", "rb").assertSuccess().out());

        assertEquals("The RoleBinding \"rb\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", "
                + "Kind:\"Role\", Name:\"other\"}: cannot change roleRef\n", api.kubectl().run("-n", "team", "patch", "rolebinding",
                "rb", "--type=merge", "-p", "{\"roleRef\":{\"name\":\"other\"}}").err());
        api.kubectl().run("-n", "team", "patch", "rolebinding", "rb", "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/subjects/-\",\"value\":{\"kind\":\"Group\",\"name\":\"ops\"}}]").assertSuccess();
        assertLines(api.kubectl().run("-n", "team", "get", "rolebinding", "rb", "-o", "wide").assertSuccess().out().lines().toList(),
                "NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS", "rb\\s+Role/pod-reader\\s+\\d+s\\s+jane\\s+ops\\s*");
    }

    @Test
    void kubectlCreateClusterRolesAndBindings() {
        assertEquals("clusterrole.rbac.authorization.k8s.io/cr created\n", api.kubectl()
                .run("create", "clusterrole", "cr", "--verb=get", "--resource=nodes").assertSuccess().out());
        assertEquals("clusterrolebinding.rbac.authorization.k8s.io/crb created\n", api.kubectl()
                .run("create", "clusterrolebinding", "crb", "--clusterrole=cr", "--group=devs", "--serviceaccount=team:robot",
                        "--user=ann", "--user=bob").assertSuccess().out());
        assertLines(api.kubectl().run("get", "clusterrole", "cr").assertSuccess().out().lines().toList(),
                "NAME\\s+CREATED AT", "cr\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertLines(api.kubectl().run("get", "clusterrolebinding", "crb", "-o", "wide").assertSuccess().out().lines().toList(),
                "NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS",
                "crb\\s+ClusterRole/cr\\s+\\d+s\\s+ann, bob\\s+devs\\s+team/robot");
        assertTrue(api.kubectl().run("get", "clusterrolebinding", "crb", "-n", "kube-system", "-o", "name").assertSuccess()
                .out().equals("clusterrolebinding.rbac.authorization.k8s.io/crb\n"));
        assertEquals("""
                Name:         crb
                Labels:       <none>
                Annotations:  <none>
                Role:
                  Kind:  ClusterRole
                  Name:  cr
                Subjects:
                  Kind            Name   Namespace
                  ----            ----   ---------
                  User            ann    \n\
                  User            bob    \n\
                  Group           devs   \n\
                  ServiceAccount  robot  team
                """, api.kubectl().run("describe", "clusterrolebinding", "crb").assertSuccess().out());

        apply("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: "system:health"}
                rules:
                - nonResourceURLs: [/healthz, "/healthz/*"]
                  verbs: [get]
                """);
        assertEquals("""
                Name:         system:health
                Labels:       <none>
                Annotations:  <none>
                PolicyRule:
                  Resources  Non-Resource URLs  Resource Names  Verbs
                  ---------  -----------------  --------------  -----
                             [/healthz/*]       []              [get]
                             [/healthz]         []              [get]
                """, api.kubectl().run("describe", "clusterrole", "system:health").assertSuccess().out());
    }

    @Test
    void applyRoleManifest() {
        String manifest = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: config-editor}
                rules:
                - apiGroups: [""]
                  resources: [configmaps]
                  resourceNames: [settings]
                  verbs: [%s]
                """;
        assertEquals("role.rbac.authorization.k8s.io/config-editor created\n",
                api.kubectl().runWithInput(manifest.formatted("get"), "apply", "-f", "-").assertSuccess().out());
        assertEquals("role.rbac.authorization.k8s.io/config-editor configured\n",
                api.kubectl().runWithInput(manifest.formatted("get, update"), "apply", "-f", "-").assertSuccess().out());
        assertEquals("[\"get\",\"update\"] [\"settings\"]", api.kubectl().run("get", "role", "config-editor", "-o",
                "jsonpath={.rules[0].verbs} {.rules[0].resourceNames}").assertSuccess().out());
    }

    @Test
    void invalidObjectsAreRefusedWithKubesMessages() {
        assertEquals("The Role \"noverbs\" is invalid: rules[0].verbs: Required value: verbs must contain at least one value\n",
                refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: noverbs}
                        rules: [{apiGroups: [""], resources: [pods]}]
                        """));
        assertEquals("The Role \"nogroups\" is invalid: rules[0].apiGroups: Required value: resource rules must supply at least "
                + "one api group\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: nogroups}
                        rules: [{resources: [pods], verbs: [get]}]
                        """));
        assertEquals("The Role \"urls\" is invalid: rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: "
                + "namespaced rules cannot apply to non-resource URLs\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: urls}
                        rules: [{nonResourceURLs: [/healthz], verbs: [get]}]
                        """));
        assertEquals("The RoleBinding \"robot\" is invalid: subjects[0].kind: Unsupported value: \"Robot\": supported values: "
                + "\"ServiceAccount\", \"User\", \"Group\"\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: RoleBinding
                        metadata: {name: robot}
                        roleRef: {kind: Role, name: pod-reader}
                        subjects: [{kind: Robot, name: r2d2}]
                        """));
        assertEquals("The RoleBinding \"unnamed\" is invalid: roleRef.name: Required value\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: RoleBinding
                        metadata: {name: unnamed}
                        roleRef: {kind: ClusterRole, name: ""}
                        """));
        assertEquals("The ClusterRoleBinding \"torole\" is invalid: roleRef.kind: Unsupported value: \"Role\": supported values: "
                + "\"ClusterRole\"\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRoleBinding
                        metadata: {name: torole}
                        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: view}
                        """));
        assertEquals("The ClusterRoleBinding \"sa\" is invalid: subjects[0].namespace: Required value\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRoleBinding
                        metadata: {name: sa}
                        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                        subjects: [{kind: ServiceAccount, name: robot}]
                        """));
        // created, not applied: kubectl itself refuses to GET such a name
        assertEquals("The ClusterRole \"a%b\" is invalid: metadata.name: Invalid value: \"a%b\": may not contain '%'\n",
                api.kubectl().runWithInput("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata: {name: "a%b"}
                        """, "create", "-f", "-").err());
        assertEquals("The ClusterRole \"aggregate\" is invalid: aggregationRule.clusterRoleSelectors: Required value: at least "
                + "one clusterRoleSelector required if aggregationRule is non-nil\n", refusal("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata: {name: aggregate}
                        aggregationRule: {clusterRoleSelectors: []}
                        """));
        assertEquals("Error from server (NotFound): roles.rbac.authorization.k8s.io \"noverbs\" not found\n",
                api.kubectl().run("get", "role", "noverbs").err());
    }

    @Test
    void clusterAdminIsBootstrapped() {
        assertEquals("""
                Name:         cluster-admin
                Labels:       kubernetes.io/bootstrapping=rbac-defaults
                Annotations:  rbac.authorization.kubernetes.io/autoupdate: true
                PolicyRule:
                  Resources  Non-Resource URLs  Resource Names  Verbs
                  ---------  -----------------  --------------  -----
                  *.*        []                 []              [*]
                             [*]                []              [*]
                """, api.kubectl().run("describe", "clusterrole", "cluster-admin").assertSuccess().out());
        assertEquals("""
                Name:         cluster-admin
                Labels:       kubernetes.io/bootstrapping=rbac-defaults
                Annotations:  rbac.authorization.kubernetes.io/autoupdate: true
                Role:
                  Kind:  ClusterRole
                  Name:  cluster-admin
                Subjects:
                  Kind   Name            Namespace
                  ----   ----            ---------
                  Group  system:masters  \n""", api.kubectl().run("describe", "clusterrolebinding", "cluster-admin").assertSuccess().out());
        assertEquals("[{\"apiGroups\":[\"*\"],\"resources\":[\"*\"],\"verbs\":[\"*\"]},{\"nonResourceURLs\":[\"*\"],\"verbs\":[\"*\"]}]",
                api.kubectl().run("get", "clusterrole", "cluster-admin", "-o", "jsonpath={.rules}").assertSuccess().out());
        assertLines(api.kubectl().run("get", "clusterrolebinding", "cluster-admin", "-o", "wide").assertSuccess().out().lines().toList(),
                "NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS",
                "cluster-admin\\s+ClusterRole/cluster-admin\\s+\\d+s\\s+system:masters\\s*");
    }

    @Test
    void defaultPolicyIsBootstrapped() {
        assertLines(api.kubectl().run("get", "rolebindings", "-n", "kube-system", "-o", "wide").assertSuccess().out().lines().toList(),
                "NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS",
                "system::extension-apiserver-authentication-reader\\s+Role/extension-apiserver-authentication-reader\\s+\\d+s\\s+"
                        + "system:kube-controller-manager, system:kube-scheduler\\s*",
                "system::leader-locking-kube-controller-manager\\s+Role/system::leader-locking-kube-controller-manager\\s+\\d+s\\s+"
                        + "system:kube-controller-manager\\s+kube-system/kube-controller-manager, kube-system/leader-election-controller",
                "system::leader-locking-kube-scheduler\\s+Role/system::leader-locking-kube-scheduler\\s+\\d+s\\s+"
                        + "system:kube-scheduler\\s+kube-system/kube-scheduler",
                "system:controller:bootstrap-signer\\s+Role/system:controller:bootstrap-signer\\s+\\d+s\\s+kube-system/bootstrap-signer",
                "system:controller:cloud-provider\\s+Role/system:controller:cloud-provider\\s+\\d+s\\s+kube-system/cloud-provider",
                "system:controller:token-cleaner\\s+Role/system:controller:token-cleaner\\s+\\d+s\\s+kube-system/token-cleaner");
        assertLines(api.kubectl().run("get", "roles", "-n", "kube-public").assertSuccess().out().lines().toList(),
                "NAME\\s+CREATED AT", "system:controller:bootstrap-signer\\s+\\S+");
        assertEquals("""
                Name:         system:auth-delegator
                Labels:       kubernetes.io/bootstrapping=rbac-defaults
                Annotations:  rbac.authorization.kubernetes.io/autoupdate: true
                PolicyRule:
                  Resources                                  Non-Resource URLs  Resource Names  Verbs
                  ---------                                  -----------------  --------------  -----
                  tokenreviews.authentication.k8s.io         []                 []              [create]
                  subjectaccessreviews.authorization.k8s.io  []                 []              [create]
                """, api.kubectl().run("describe", "clusterrole", "system:auth-delegator").assertSuccess().out());
        assertLines(api.kubectl().run("get", "clusterrolebinding", "system:node", "system:kube-dns", "-o", "wide").assertSuccess()
                        .out().lines().toList(),
                "NAME\\s+ROLE\\s+AGE\\s+USERS\\s+GROUPS\\s+SERVICEACCOUNTS",
                "system:node\\s+ClusterRole/system:node\\s+\\d+s\\s*",
                "system:kube-dns\\s+ClusterRole/system:kube-dns\\s+\\d+s\\s+kube-system/kube-dns");
    }

    @Test
    void discoveryAndExplain() throws Exception {
        assertLines(api.kubectl().run("api-resources", "--api-group=rbac.authorization.k8s.io").assertSuccess().out().lines().toList(),
                "NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND",
                "clusterrolebindings\\s+rbac.authorization.k8s.io/v1\\s+false\\s+ClusterRoleBinding",
                "clusterroles\\s+rbac.authorization.k8s.io/v1\\s+false\\s+ClusterRole",
                "rolebindings\\s+rbac.authorization.k8s.io/v1\\s+true\\s+RoleBinding",
                "roles\\s+rbac.authorization.k8s.io/v1\\s+true\\s+Role");
        JsonNode legacy = JSON.readTree(api.kubectl().run("get", "--raw", "/apis/rbac.authorization.k8s.io/v1").assertSuccess().out());
        List<String> resources = new ArrayList<>();
        legacy.get("resources").forEach(r -> resources.add(r.get("name").asText() + " " + r.get("verbs") + " "
                + r.path("shortNames") + " " + r.path("categories") + " " + r.get("storageVersionHash").asText()));
        // storage version hashes as kube-apiserver 1.32 reports them
        assertEquals(List.of(
                "clusterrolebindings " + VERBS + "   48tpQ8gZHFc=", "clusterroles " + VERBS + "   bYE5ZWDrJ44=",
                "rolebindings " + VERBS + "   eGsCzGH6b1g=", "roles " + VERBS + "   7FuwZcIIItM="), resources);

        String explained = api.kubectl().run("explain", "role.rules").assertSuccess().out();
        for (String expected : List.of("GROUP:      rbac.authorization.k8s.io\n", "KIND:       Role\n", "VERSION:    v1\n",
                "FIELD: rules <[]PolicyRule>\n", "  apiGroups\t<[]string>\n", "  verbs\t<[]string> -required-\n")) {
            assertTrue(explained.contains(expected), expected + " missing in\n" + explained);
        }
        assertTrue(api.kubectl().run("explain", "rolebinding").assertSuccess().out().contains("  roleRef\t<RoleRef> -required-\n"));
        JsonNode v3 = JSON.readTree(api.kubectl().run("get", "--raw", "/openapi/v3/apis/rbac.authorization.k8s.io/v1")
                .assertSuccess().out());
        assertEquals("[{\"group\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRoleBinding\",\"version\":\"v1\"}]",
                v3.path("components").path("schemas").path("io.k8s.api.rbac.v1.ClusterRoleBinding")
                        .path("x-kubernetes-group-version-kind").toString());
        assertTrue(v3.path("paths").has("/apis/rbac.authorization.k8s.io/v1/namespaces/{namespace}/rolebindings/{name}"));
    }

    private static final String VERBS = "[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";

    /** What kubectl prints when the server refuses to apply {@code manifest}. */
    private static String refusal(String manifest) {
        return api.kubectl().runWithInput(manifest, "apply", "-f", "-").err();
    }

    private static void apply(String manifest) {
        api.kubectl().runWithInput(manifest, "apply", "-f", "-").assertSuccess();
    }

    /** Each line matches its pattern, and there are as many lines as patterns. */
    private static void assertLines(List<String> lines, String... patterns) {
        assertEquals(patterns.length, lines.size(), String.join("\n", lines));
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines.get(i).matches(patterns[i]), "line " + i + " '" + lines.get(i) + "' does not match " + patterns[i]
                    + " in\n" + String.join("\n", lines));
        }
    }
}
