package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jk8s.api.testing.KubectlServer;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API server itself answers for the connect subresources before any kubelet is involved:
 * kube's container choice, unassigned pods and unknown pods (pkg/registry/core/pod/strategy.go).
 * Here no node runs, so no pod is ever bound; PodStreamsTest covers the streams themselves.
 */
class ConnectSubresourcesTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void logsOfAPodWithoutANodeAreEmpty() {
        api.kubectl().run("run", "lonely", "--image=busybox").assertSuccess();
        Kubectl.Result logs = api.kubectl().run("logs", "lonely");
        assertEquals(0, logs.exitCode(), logs.err());
        assertEquals("", logs.out());
    }

    @Test
    void theContainerMustBeNamedWhenThereAreSeveral() {
        api.kubectl().runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: pair}
                spec:
                  initContainers: [{name: setup, image: busybox}]
                  containers: [{name: one, image: busybox}, {name: two, image: busybox}]
                """, "apply", "-f", "-").assertSuccess();
        assertEquals("Error from server (BadRequest): a container name must be specified for pod pair, choose one of: [one two]"
                        + " or one of the init containers: [setup]\n",
                api.kubectl().run("get", "--raw", "/api/v1/namespaces/default/pods/pair/log").err());
        assertEquals("Error from server (BadRequest): container three is not valid for pod pair\n",
                api.kubectl().run("get", "--raw", "/api/v1/namespaces/default/pods/pair/exec?container=three&command=ls").err());
        assertEquals("Error from server (NotFound): pods \"nobody\" not found\n",
                api.kubectl().run("get", "--raw", "/api/v1/namespaces/default/pods/nobody/log").err());
    }

    @Test
    void execNeedsAPodWithAHost() {
        api.kubectl().run("run", "unbound", "--image=busybox").assertSuccess();
        Kubectl.Result exec = api.kubectl().run("exec", "unbound", "--", "true");
        assertEquals(1, exec.exitCode());
        assertEquals("Error from server (BadRequest): pod unbound does not have a host assigned\n", exec.err());
    }
}
