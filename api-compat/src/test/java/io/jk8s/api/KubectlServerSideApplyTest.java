package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import io.jk8s.testing.Kubectl;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kubectl apply --server-side} and managedFields, with the real kubectl. */
class KubectlServerSideApplyTest {

    @RegisterExtension
    static final KubectlServer cluster = new KubectlServer();

    @Test
    void serverSideApplyCreatesUpdatesAndRemovesWhatTheFileNoLongerSets() {
        Path file = deployment("ssa", 2, "    tier: web\n", "nginx:1");
        assertEquals("deployment.apps/ssa serverside-applied\n", apply(file).assertSuccess().out());
        deployment("ssa", 3, "    tier: web\n", "nginx:2");
        assertEquals("deployment.apps/ssa serverside-applied\n", apply(file).assertSuccess().out());
        assertEquals("3 nginx:2 web", get("ssa", "{.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.labels.tier}"));

        deployment("ssa", 3, "", "nginx:2");
        apply(file).assertSuccess();
        assertEquals("{\"app\":\"ssa\"}", get("ssa", "{.metadata.labels}"), "the label the file dropped is removed");

        String shown = cluster.kubectl().run("get", "deployment", "ssa", "-o", "yaml", "--show-managed-fields").assertSuccess().out();
        assertTrue(shown.contains("  - apiVersion: apps/v1\n    fieldsType: FieldsV1\n    fieldsV1:\n"), shown);
        assertTrue(shown.contains("    manager: kubectl\n    operation: Apply\n"), shown);
        assertTrue(shown.contains("          k:{\"name\":\"app\"}:\n"), shown);
        assertFalse(shown.contains("f:tier"), shown);
        deployment("ssa", 4, "", "nginx:2");
        Kubectl.Result diff = cluster.kubectl().run("diff", "--server-side", "-f", file.toString());
        assertEquals(1, diff.exitCode(), diff.err());
        assertTrue(diff.out().contains("-  replicas: 3\n+  replicas: 4\n"), diff.out());
        assertEquals("3", get("ssa", "{.spec.replicas}"), "diff applies as a dry run");
        String hidden = cluster.kubectl().run("get", "deployment", "ssa", "-o", "yaml").assertSuccess().out();
        assertFalse(hidden.contains("managedFields"), "kubectl hides managedFields unless asked: " + hidden);
    }

    @Test
    void twoManagersConflictUntilOneForces() {
        Path file = deployment("contested", 2, "", "nginx:1");
        cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess();
        deployment("contested", 5, "", "nginx:1");
        Kubectl.Result refused = cluster.kubectl().run("apply", "--server-side", "--field-manager=scaler", "-f", file.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().startsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" "
                + "using apps/v1: .spec.replicas\nPlease review the fields above--they currently have other managers."), refused.err());
        assertEquals("2", get("contested", "{.spec.replicas}"));

        cluster.kubectl().run("apply", "--server-side", "--field-manager=scaler", "--force-conflicts", "-f", file.toString())
                .assertSuccess();
        assertEquals("5", get("contested", "{.spec.replicas}"));
        // after the apply kubectl moves the client-side manager's fields to the new manager and applies again
        // (migrateToSSAIfNecessary), which drops what only the client-side apply had set, its annotation included
        assertEquals("scaler Apply", get("contested", "{.metadata.managedFields[*].manager} {.metadata.managedFields[*].operation}"));
        assertEquals("", get("contested", "{.metadata.annotations}"));
    }

    @Test
    void clientSideAppliedObjectsMoveToServerSideApplyWithoutConflicts() {
        Path file = deployment("migrated", 1, "    tier: web\n", "nginx:1");
        cluster.kubectl().run("apply", "-f", file.toString()).assertSuccess();
        deployment("migrated", 4, "    tier: web\n", "nginx:1");
        apply(file).assertSuccess();
        assertEquals("4", get("migrated", "{.spec.replicas}"));
        // kubectl moved the client-side entries to its own, then gave the annotation its own applier (saveLastApplyAnnotationIfNecessary)
        String managers = get("migrated", "{.metadata.managedFields[*].manager}/{.metadata.managedFields[*].operation}");
        assertTrue(managers.equals("kubectl kubectl-last-applied/Apply Apply")
                || managers.equals("kubectl-last-applied kubectl/Apply Apply"), managers);

        deployment("migrated", 4, "", "nginx:1");
        apply(file).assertSuccess();
        assertEquals("{\"app\":\"migrated\"}", get("migrated", "{.metadata.labels}"));
    }

    @Test
    void updatesRecordTheirManagersByCommand() {
        cluster.kubectl().run("create", "configmap", "tracked", "--from-literal=a=1").assertSuccess();
        cluster.kubectl().run("label", "configmap", "tracked", "x=y").assertSuccess();
        assertEquals("kubectl-create kubectl-label", get("configmap", "tracked", "{.metadata.managedFields[*].manager}"));
        assertEquals("{\"f:data\":{\".\":{},\"f:a\":{}}}", get("configmap", "tracked", "{.metadata.managedFields[0].fieldsV1}"));
        Path changed = cluster.file("tracked.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tracked\ndata:\n  a: '2'\n");
        assertTrue(cluster.kubectl().run("apply", "--server-side", "--dry-run=server", "-f", changed.toString()).err()
                .startsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .data.a\n"));
        assertEquals("configmap/tracked serverside-applied (server dry run)\n", cluster.kubectl().run("apply", "--server-side",
                "--dry-run=server", "--force-conflicts", "-f", changed.toString()).assertSuccess().out());
        assertEquals("1", get("configmap", "tracked", "{.data.a}"));
    }

    /**
     * kube records a create's fields on the decoded, defaulted body, before admission and the
     * registry add theirs: a pod's service account, default tolerations and priority, a service's
     * cluster IPs and IP families belong to no manager (the fields kube 1.32 shows for these commands).
     */
    @Test
    void whatAdmissionAndAllocationAddBelongsToNoManager() {
        cluster.kubectl().run("run", "owned", "--image=nginx").assertSuccess();
        assertEquals("kubectl-run:{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:run\":{}}},\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"owned\\\"}\":"
                + "{\".\":{},\"f:image\":{},\"f:imagePullPolicy\":{},\"f:name\":{},\"f:resources\":{},\"f:terminationMessagePath\":{},"
                + "\"f:terminationMessagePolicy\":{}}},\"f:dnsPolicy\":{},\"f:enableServiceLinks\":{},\"f:restartPolicy\":{},"
                + "\"f:schedulerName\":{},\"f:securityContext\":{},\"f:terminationGracePeriodSeconds\":{}}}",
                get("pod", "owned", "{range .metadata.managedFields[*]}{.manager}:{.fieldsV1}{end}"));
        assertEquals("default node.kubernetes.io/not-ready node.kubernetes.io/unreachable",
                get("pod", "owned", "{.spec.serviceAccountName} {.spec.tolerations[*].key}"), "admission still adds them");
        cluster.kubectl().run("create", "service", "clusterip", "owned", "--tcp=80:80").assertSuccess();
        assertEquals("kubectl-create:{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:internalTrafficPolicy\":{},"
                + "\"f:ports\":{\".\":{},\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:name\":{},\"f:port\":{},"
                + "\"f:protocol\":{},\"f:targetPort\":{}}},\"f:selector\":{},\"f:sessionAffinity\":{},\"f:type\":{}}}",
                get("service", "owned", "{range .metadata.managedFields[*]}{.manager}:{.fieldsV1}{end}"));
        // kube's DaemonSet conversion writes the template generation annotation before the fields are recorded
        cluster.kubectl().runWithInput("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: owned\nspec:\n  selector:\n"
                + "    matchLabels:\n      app: owned\n  template:\n    metadata:\n      labels:\n        app: owned\n    spec:\n"
                + "      containers:\n      - name: agent\n        image: agent:1\n", "create", "-f", "-").assertSuccess();
        assertEquals("kubectl-create:{\"f:annotations\":{\".\":{},\"f:deprecated.daemonset.template.generation\":{}}} 1",
                get("daemonset", "owned", "{.metadata.managedFields[*].manager}:{.metadata.managedFields[0].fieldsV1.f:metadata} "
                        + "{.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}"));
    }

    @Test
    void subresourceWritesAreRecordedWithTheirSubresource() {
        apply(deployment("sub", 1, "", "nginx:1")).assertSuccess();
        // kubectl scale names no field manager: the server takes "kubectl" from its User-Agent
        cluster.kubectl().run("scale", "deployment", "sub", "--replicas=3").assertSuccess();
        cluster.kubectl().run("patch", "deployment", "sub", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"replicas\":3}}").assertSuccess();
        String entries = get("sub", "{range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource}/{.fieldsV1}{\"\\n\"}{end}");
        assertTrue(entries.contains("kubectl/Update/scale/{\"f:spec\":{\"f:replicas\":{}}}\n"), entries);
        assertTrue(entries.contains("kubectl-patch/Update/status/{\"f:status\":{\"f:replicas\":{}}}\n"), entries);
        assertTrue(entries.startsWith("kubectl/Apply//"), entries);
        assertFalse(entries.split("\n")[0].contains("f:replicas"), "the scale took replicas from the applier: " + entries);
    }

    @Test
    void yamlBodiesStatusAppliesAndBadConfigurationsOverHttp() {
        String path = "/apis/apps/v1/namespaces/default/deployments/wire";
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wire\nspec:\n  selector:\n    matchLabels: {app: w}\n"
                + "  template:\n    metadata:\n      labels: {app: w}\n    spec:\n      containers:\n      - {name: c, image: c:1}\n";
        HttpResponse<String> created = cluster.server().send("PATCH", path + "?fieldManager=yaml", "application/json",
                "application/apply-patch+yaml", yaml);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> again = cluster.server().send("PATCH", path + "?fieldManager=yaml", "application/json",
                "application/apply-patch+yaml", yaml);
        assertEquals(200, again.statusCode(), again.body());

        HttpResponse<String> status = cluster.server().send("PATCH", path + "/status?fieldManager=ctrl", "application/json",
                "application/apply-patch+yaml", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"wire\"},"
                        + "\"status\":{\"replicas\":4},\"spec\":{\"paused\":true}}");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("4/", get("wire", "{.status.replicas}/{.spec.paused}"), "only the status is applied through /status");
        String entries = get("wire", "{range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource}/{.fieldsV1}{\"\\n\"}{end}");
        assertTrue(entries.contains("ctrl/Apply/status/{\"f:status\":{\"f:replicas\":{}}}\n"), entries);

        HttpResponse<String> wrongVersion = cluster.server().send("PATCH", path + "?fieldManager=yaml", "application/json",
                "application/apply-patch+yaml", yaml.replace("apps/v1", "apps/v1beta1"));
        assertEquals(400, wrongVersion.statusCode(), wrongVersion.body());
        assertTrue(wrongVersion.body().contains("Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, "
                + "expected: apps/v1"), wrongVersion.body());
        HttpResponse<String> unknown = cluster.server().send("PATCH", path + "?fieldManager=yaml", "application/json",
                "application/apply-patch+yaml", yaml + "  bogus: 1\n");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("failed to create typed patch object (default/wire; apps/v1, Kind=Deployment): "
                + ".spec.bogus: field not declared in schema"), unknown.body());
        HttpResponse<String> otherName = cluster.server().send("PATCH", path + "?fieldManager=yaml", "application/json",
                "application/apply-patch+yaml", yaml.replace("name: wire", "name: other"));
        assertEquals(400, otherName.statusCode(), otherName.body());
    }

    private static Kubectl.Result apply(Path file) {
        return cluster.kubectl().run("apply", "--server-side", "-f", file.toString());
    }

    private static String get(String name, String jsonpath) {
        return get("deployment", name, jsonpath);
    }

    private static String get(String resource, String name, String jsonpath) {
        return cluster.kubectl().run("get", resource, name, "-o", "jsonpath=" + jsonpath).assertSuccess().out();
    }

    private static Path deployment(String name, int replicas, String extraLabels, String image) {
        return cluster.file(name + ".yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  labels:\n"
                + "    app: " + name + "\n" + extraLabels + "spec:\n  replicas: " + replicas + "\n  selector:\n    matchLabels:\n"
                + "      app: " + name + "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n    spec:\n"
                + "      containers:\n      - name: app\n        image: " + image + "\n");
    }
}
