package io.jk8s.api.resources;

import static io.jk8s.api.resources.SchedulingTest.assertLines;
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
    void discovery() {
        assertLines(api.kubectl().run("api-resources", "--api-group=node.k8s.io").assertSuccess().out().lines().toList(),
                "NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND",
                "runtimeclasses\\s+node.k8s.io/v1\\s+false\\s+RuntimeClass");
    }
}
