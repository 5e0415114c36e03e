package io.jk8s.api.resources;

import static io.jk8s.api.testing.OutputLines.assertLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.api.testing.KubectlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** node.k8s.io/v1 RuntimeClasses, as kubectl users meet them. */
class NodeApiTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void runtimeClassesArePrintedAndTheirHandlerIsFixed() {
        api.kubectl().runWithInput("""
                apiVersion: node.k8s.io/v1
                kind: RuntimeClass
                metadata: {name: gvisor}
                handler: runsc
                scheduling:
                  nodeSelector: {runtime: gvisor}
                """, "create", "-f", "-").assertSuccess();
        assertLines(api.kubectl().run("get", "runtimeclasses").assertSuccess().out().lines().toList(),
                "NAME\\s+HANDLER\\s+AGE", "gvisor\\s+runsc\\s+\\d+s");
        assertEquals("The RuntimeClass \"gvisor\" is invalid: handler: Invalid value: \"kata\": field is immutable\n",
                api.kubectl().run("patch", "runtimeclass", "gvisor", "-p", "{\"handler\":\"kata\"}").err());
        assertEquals("The RuntimeClass \"shouty\" is invalid: handler: Invalid value: \"Run_SC\": a lowercase RFC 1123 label "
                + "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
                + "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n",
                api.kubectl().runWithInput("""
                        apiVersion: node.k8s.io/v1
                        kind: RuntimeClass
                        metadata: {name: shouty}
                        handler: Run_SC
                        """, "create", "-f", "-").err());
    }

    @Test
    void podsGetTheirRuntimeClassesOverheadAndScheduling() {
        api.kubectl().runWithInput("""
                apiVersion: node.k8s.io/v1
                kind: RuntimeClass
                metadata: {name: kata}
                handler: kata
                overhead:
                  podFixed: {cpu: 250m, memory: 120Mi}
                scheduling:
                  nodeSelector: {runtime: kata}
                  tolerations: [{key: kata, operator: Exists, effect: NoSchedule}]
                """, "create", "-f", "-").assertSuccess();
        api.kubectl().runWithInput(pod("sandboxed", "kata", "nodeSelector: {disk: ssd}"), "create", "-f", "-").assertSuccess();
        assertEquals("{\"cpu\":\"250m\",\"memory\":\"120Mi\"} {\"disk\":\"ssd\",\"runtime\":\"kata\"} kata",
                api.kubectl().run("get", "pod", "sandboxed", "-o", "jsonpath={.spec.overhead} {.spec.nodeSelector} "
                        + "{.spec.tolerations[?(@.key==\"kata\")].key}").assertSuccess().out());

        assertEquals("Error from server (Forbidden): error when creating \"STDIN\": pods \"nowhere\" is forbidden: pod rejected: "
                + "RuntimeClass \"missing\" not found\n",
                api.kubectl().runWithInput(pod("nowhere", "missing", ""), "create", "-f", "-").err());
        assertEquals("Error from server (Forbidden): error when creating \"STDIN\": pods \"torn\" is forbidden: conflict: "
                + "runtimeClass.scheduling.nodeSelector[runtime] = kata; pod.spec.nodeSelector[runtime] = runc\n",
                api.kubectl().runWithInput(pod("torn", "kata", "nodeSelector: {runtime: runc}"), "create", "-f", "-").err());
    }

    private static String pod(String name, String runtimeClass, String specLine) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  runtimeClassName: %s
                  %s
                  containers: [{name: app, image: nginx}]
                """.formatted(name, runtimeClass, specLine);
    }

    @Test
    void discovery() {
        assertLines(api.kubectl().run("api-resources", "--api-group=node.k8s.io").assertSuccess().out().lines().toList(),
                "NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND",
                "runtimeclasses\\s+node.k8s.io/v1\\s+false\\s+RuntimeClass");
    }
}
