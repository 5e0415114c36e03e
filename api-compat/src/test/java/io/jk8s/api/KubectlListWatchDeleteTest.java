package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import io.jk8s.testing.Kubectl;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read-side kubectl commands of the API issue's list (api-versions, template output, chunked
 * lists as sent on the wire, watch events, selector deletes, wait), with the output kubectl prints
 * against kube-apiserver.
 */
class KubectlListWatchDeleteTest {

    private static final Pattern GET_LINE = Pattern.compile("GET (\\S+) 200 OK");

    @RegisterExtension
    static final KubectlServer cluster = new KubectlServer();

    @Test
    void apiVersionsListsEveryServedGroupVersionSorted() {
        assertEquals(List.of("admissionregistration.k8s.io/v1", "apiextensions.k8s.io/v1", "apiregistration.k8s.io/v1", "apps/v1",
                "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2", "batch/v1", "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
                "networking.k8s.io/v1", "node.k8s.io/v1", "policy/v1", "rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1",
                "storage.k8s.io/v1", "v1"),
                cluster.kubectl().run("api-versions").assertSuccess().out().lines().toList());
    }

    @Test
    void goTemplateJsonPathAndNameOutput() {
        namespaceWithConfigMaps("templated", 3);
        assertEquals("cm-1=1 cm-2=2 cm-3=3 ", kubectl("get", "cm", "-n", "templated", "-o",
                "go-template={{range .items}}{{.metadata.name}}={{.data.i}} {{end}}").out());
        assertEquals("cm-1 cm-2 cm-3", kubectl("get", "cm", "-n", "templated", "-o",
                "jsonpath={.items[*].metadata.name}").out());
        assertEquals("configmap/cm-2\n", kubectl("get", "cm", "cm-2", "-n", "templated", "-o", "name").out());
    }

    @Test
    void chunkSizeFollowsContinueTokensOnTheWire() {
        namespaceWithConfigMaps("chunked", 5);
        Kubectl.Result result = kubectl("get", "cm", "-n", "chunked", "--chunk-size=2", "-o", "name", "-v=6");
        assertEquals(List.of("configmap/cm-1", "configmap/cm-2", "configmap/cm-3", "configmap/cm-4", "configmap/cm-5"),
                result.out().lines().toList());
        List<String> urls = result.err().lines().map(GET_LINE::matcher).filter(Matcher::find).map(m -> m.group(1))
                .filter(url -> url.contains("/configmaps?")).toList();
        assertEquals(3, urls.size(), result.err());
        assertTrue(urls.get(0).endsWith("/api/v1/namespaces/chunked/configmaps?limit=2"), urls.get(0));
        // the second and third pages carry the token the previous page answered, and the same limit
        assertTrue(urls.get(1).matches(".*\\?continue=[A-Za-z0-9_=-]+&limit=2"), urls.get(1));
        assertTrue(urls.get(2).matches(".*\\?continue=[A-Za-z0-9_=-]+&limit=2"), urls.get(2));
        assertTrue(!urls.get(1).equals(urls.get(2)), urls.toString());
    }

    @Test
    void watchPrintsAddedModifiedAndDeletedEvents() throws Exception {
        namespaceWithConfigMaps("watched", 1);
        try (Kubectl.Streaming watch = cluster.kubectl().stream("get", "cm", "-n", "watched", "-w", "--output-watch-events")) {
            assertTrue(watch.nextLine(20).matches("EVENT\\s+NAME\\s+DATA\\s+AGE"));
            assertTrue(watch.nextLine(20).matches("ADDED\\s+cm-1\\s+1\\s+\\d+s"));
            kubectl("create", "configmap", "late", "-n", "watched", "--from-literal=a=b", "--from-literal=c=d");
            assertTrue(watch.nextLine(20).matches("ADDED\\s+late\\s+2\\s+\\d+s"));
            kubectl("label", "cm", "cm-1", "-n", "watched", "touched=yes");
            assertTrue(watch.nextLine(20).matches("MODIFIED\\s+cm-1\\s+1\\s+\\d+s"));
            kubectl("delete", "cm", "late", "-n", "watched");
            assertTrue(watch.nextLine(20).matches("DELETED\\s+late\\s+2\\s+\\d+s"));
        }
    }

    @Test
    void deleteBySelectorAndAll() {
        namespaceWithConfigMaps("pruned", 4);
        kubectl("label", "cm", "cm-1", "cm-3", "-n", "pruned", "tier=cache");
        assertEquals("configmap \"cm-1\" deleted\nconfigmap \"cm-3\" deleted\n",
                kubectl("delete", "cm", "-l", "tier=cache", "-n", "pruned").out());
        assertEquals("configmap/cm-2\nconfigmap/cm-4\n", kubectl("get", "cm", "-n", "pruned", "-o", "name").out());
        assertEquals("configmap \"cm-2\" deleted\nconfigmap \"cm-4\" deleted\n", kubectl("delete", "cm", "--all", "-n", "pruned").out());
        Kubectl.Result empty = kubectl("get", "cm", "-n", "pruned");
        assertEquals("", empty.out());
        assertEquals("No resources found in pruned namespace.\n", empty.err());
    }

    @Test
    void waitForConditionAndForDelete() {
        kubectl("create", "deployment", "awaited", "--image=nginx");
        Kubectl.Result early = cluster.kubectl().run("wait", "--for=condition=Available", "deployment/awaited", "--timeout=1s");
        assertEquals(1, early.exitCode());
        assertEquals("error: timed out waiting for the condition on deployments/awaited\n", early.err());

        // what the deployment controller reports once the replicas are available
        kubectl("patch", "deployment", "awaited", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"Available\",\"status\":\"True\",\"reason\":\"MinimumReplicasAvailable\"}]}}");
        assertEquals("deployment.apps/awaited condition met\n",
                kubectl("wait", "--for=condition=Available", "deployment/awaited", "--timeout=10s").out());
        assertEquals("deployment.apps/awaited condition met\n",
                kubectl("wait", "--for=jsonpath={.status.conditions[0].reason}=MinimumReplicasAvailable", "deployment/awaited").out());

        // a finalizer holds the deleted object until the wait has surely seen it
        kubectl("apply", "-f", cluster.file("doomed.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doomed\n"
                + "  finalizers: [example.com/hold]\n").toString());
        kubectl("delete", "configmap", "doomed", "--wait=false");
        try (Kubectl.Streaming waiting = cluster.kubectl().stream("wait", "--for=delete", "configmap/doomed", "--timeout=30s")) {
            Thread.sleep(3000);
            kubectl("patch", "configmap", "doomed", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
            assertEquals("configmap/doomed condition met", waiting.nextLine(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void namespaceWithConfigMaps(String namespace, int count) {
        kubectl("create", "namespace", namespace);
        for (int i = 1; i <= count; i++) {
            kubectl("create", "configmap", "cm-" + i, "-n", namespace, "--from-literal=i=" + i);
        }
    }

    private static Kubectl.Result kubectl(String... args) {
        return cluster.kubectl().run(args).assertSuccess();
    }
}
