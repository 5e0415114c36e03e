package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting a namespace as kube does it: the namespace turns Terminating, the namespace controller
 * deletes everything in it (pods stop on their simulated nodes), and only then is it gone; while it
 * terminates nothing new may be created in it.
 */
class NamespaceDeletionTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "simulated", "--simulated-nodes", "1");

    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        kubectl = cluster.kubectl();
        Eventually.until("a Ready node", () -> kubectl.run("get", "nodes").out(), out -> out.contains(" Ready "));
    }

    @Test
    void deletingANamespaceDeletesEverythingInIt() {
        assertEquals("namespace/dev created\n", kubectl.run("create", "namespace", "dev").assertSuccess().out());
        kubectl.run("create", "configmap", "settings", "-n", "dev", "--from-literal=a=b").assertSuccess();
        kubectl.run("create", "deployment", "web", "-n", "dev", "--image=registry.local/web:1", "--replicas=2").assertSuccess();
        kubectl.run("expose", "deployment/web", "-n", "dev", "--port", "8080").assertSuccess();
        kubectl.run("create", "ingress", "web", "-n", "dev", "--rule=web.example.com/=web:8080").assertSuccess();
        kubectl.runWithInput("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: isolate, namespace: dev}
                spec: {podSelector: {}}
                """, "apply", "-f", "-").assertSuccess();
        kubectl.run("create", "role", "reader", "-n", "dev", "--verb=get", "--resource=pods").assertSuccess();
        kubectl.run("create", "rolebinding", "readers", "-n", "dev", "--role=reader", "--group=devs").assertSuccess();
        Eventually.until("2/2", () -> kubectl.run("get", "deployment", "web", "-n", "dev").out(), out -> out.contains(" 2/2 "));

        assertEquals("namespace \"dev\" deleted\n", kubectl.run("delete", "namespace", "dev", "--timeout=60s").assertSuccess().out());

        Kubectl.Result gone = kubectl.run("get", "namespace", "dev");
        assertEquals("Error from server (NotFound): namespaces \"dev\" not found\n", gone.err());
        Kubectl.Result empty = kubectl.run("get", "all,cm,ingress,netpol,roles,rolebindings", "-n", "dev");
        assertEquals("", empty.out());
        assertEquals("No resources found in dev namespace.\n", empty.err());
    }

    @Test
    void anUnavailableAPIServiceHoldsTheNamespaceAfterItsContentIsDeleted() {
        kubectl.run("create", "namespace", "blocked").assertSuccess();
        kubectl.run("create", "configmap", "settings", "-n", "blocked", "--from-literal=a=b").assertSuccess();
        kubectl.runWithInput("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1beta1.metrics.k8s.io}
                spec: {group: metrics.k8s.io, version: v1beta1, groupPriorityMinimum: 100, versionPriority: 100,
                       insecureSkipTLSVerify: true, service: {name: metrics-server, namespace: kube-system}}
                """, "create", "-f", "-").assertSuccess();
        try {
            kubectl.run("delete", "namespace", "blocked", "--wait=false").assertSuccess();
            // what could be discovered is deleted; the namespace waits for the group it could not list
            Eventually.until("the discovery failure reported", () -> kubectl.run("get", "namespace", "blocked", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"NamespaceDeletionDiscoveryFailure\")].message}").out(),
                    out -> out.equals("Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server "
                            + "APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request"));
            Eventually.until("the configmap deleted", () -> kubectl.run("get", "configmaps", "-n", "blocked").err(),
                    err -> err.equals("No resources found in blocked namespace.\n"));
            assertTrue(kubectl.run("get", "namespace", "blocked").out().matches("(?s).*\nblocked +Terminating +\\d+s\n"));
        } finally {
            kubectl.run("delete", "apiservice", "v1beta1.metrics.k8s.io").assertSuccess();
        }
        Eventually.until("the namespace gone", () -> kubectl.run("get", "namespace", "blocked").err(), err -> err.contains("NotFound"));
    }

    @Test
    void aTerminatingNamespaceRefusesNewContentUntilItsLastObjectIsGone() {
        kubectl.run("create", "namespace", "held").assertSuccess();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: holder
                  namespace: held
                  finalizers: ["example.com/hold"]
                spec:
                  containers:
                  - name: app
                    image: registry.local/app:1
                """, "apply", "-f", "-").assertSuccess();
        Eventually.until("holder running", () -> kubectl.run("get", "pod", "holder", "-n", "held").out(), out -> out.contains("Running"));

        assertEquals("namespace \"held\" deleted\n", kubectl.run("delete", "namespace", "held", "--wait=false").assertSuccess().out());
        String ns = kubectl.run("get", "namespace", "held").assertSuccess().out();
        assertTrue(ns.lines().anyMatch(l -> l.matches("held\\s+Terminating\\s+\\d+s")), ns);
        assertEquals("error: failed to create configmap: configmaps \"y\" is forbidden: unable to create new content in"
                + " namespace held because it is being terminated\n", kubectl.run("create", "configmap", "y", "-n", "held").err());
        Eventually.until("the pod stopped but held by its finalizer",
                () -> kubectl.run("get", "namespace", "held", "-o", "jsonpath={.status.conditions[?(@.type==\"NamespaceFinalizersRemaining\")].message}").out(),
                out -> out.equals("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"));
        assertTrue(kubectl.run("get", "namespace", "held").assertSuccess().out().contains("Terminating"));

        kubectl.run("patch", "pod", "holder", "-n", "held", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}").assertSuccess();
        kubectl.run("wait", "--for=delete", "namespace/held", "--timeout=60s").assertSuccess();
        assertEquals("Error from server (NotFound): namespaces \"held\" not found\n", kubectl.run("get", "namespace", "held").err());
    }
}
