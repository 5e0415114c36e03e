package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.testing.Kubectl;
import io.jk8s.api.testing.KubectlServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first steps of the Kubernetes tutorials, with the real kubectl, as a user would type them. */
class KubectlTutorialTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void getNamespacesShowsTheSystemNamespaces() {
        String out = api.kubectl().run("get", "ns").assertSuccess().out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+STATUS\\s+AGE"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("default\\s+Active\\s+\\d+s")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("kube-system ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("kube-public ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("kube-node-lease ")), out);
    }

    @Test
    void configMapLifecycle() {
        assertEquals("configmap/tutorial created\n",
                api.kubectl().run("create", "configmap", "tutorial", "--from-literal=greeting=hello").assertSuccess().out());

        String table = api.kubectl().run("get", "cm", "tutorial").assertSuccess().out();
        assertTrue(table.lines().findFirst().orElseThrow().matches("NAME\\s+DATA\\s+AGE"), table);
        assertTrue(table.lines().skip(1).findFirst().orElseThrow().matches("tutorial\\s+1\\s+\\d+s"), table);

        assertEquals("hello", api.kubectl().run("get", "cm", "tutorial", "-o", "jsonpath={.data.greeting}").assertSuccess().out());

        String yaml = api.kubectl().run("get", "configmap", "tutorial", "-o", "yaml").assertSuccess().out();
        assertTrue(yaml.contains("kind: ConfigMap"), yaml);
        assertTrue(yaml.contains("greeting: hello"), yaml);
        assertTrue(yaml.contains("namespace: default"), yaml);
        assertTrue(yaml.matches("(?s).*resourceVersion: \"\\d+\".*"), yaml);
        assertTrue(yaml.matches("(?s).*uid: [0-9a-f-]{36}.*"), yaml);

        assertEquals("configmap \"tutorial\" deleted\n", api.kubectl().run("delete", "cm", "tutorial").assertSuccess().out());

        Kubectl.Result gone = api.kubectl().run("get", "cm", "tutorial");
        assertEquals(1, gone.exitCode());
        assertEquals("Error from server (NotFound): configmaps \"tutorial\" not found\n", gone.err());
    }

    @Test
    void chunkedListReturnsEveryItem() {
        api.kubectl().run("create", "namespace", "chunks").assertSuccess();
        for (int i = 1; i <= 5; i++) {
            api.kubectl().run("create", "configmap", "cm-" + i, "-n", "chunks", "--from-literal=i=" + i).assertSuccess();
        }
        String out = api.kubectl().run("get", "cm", "-n", "chunks", "--chunk-size=2", "-o", "name").assertSuccess().out();
        assertEquals(List.of("configmap/cm-1", "configmap/cm-2", "configmap/cm-3", "configmap/cm-4", "configmap/cm-5"),
                out.lines().toList());
        String table = api.kubectl().run("get", "cm", "-n", "chunks", "--chunk-size=2").assertSuccess().out();
        assertEquals(6, table.lines().count(), table);
    }

    @Test
    void watchPicksUpACreate() throws Exception {
        api.kubectl().run("create", "namespace", "watched").assertSuccess();
        try (Kubectl.Streaming watch = api.kubectl().stream("get", "cm", "-n", "watched", "-w")) {
            // an empty namespace prints nothing until the first event; give the watch time to start
            Thread.sleep(1500);
            api.kubectl().run("create", "configmap", "late", "-n", "watched", "--from-literal=a=b").assertSuccess();
            String first = watch.nextLine(20);
            if (first.startsWith("NAME")) {
                first = watch.nextLine(20);
            }
            assertTrue(first.matches("late\\s+1\\s+\\d+s"), first);
        }
    }

    @Test
    void apiResourcesListsShortNames() {
        String out = api.kubectl().run("api-resources").assertSuccess().out();
        assertTrue(out.lines().anyMatch(l -> l.matches("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap")), out);
    }
}
