package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * apiregistration.k8s.io/v1 APIServices with real kubectl, as kube-apiserver's aggregator keeps
 * them: a local one per served group-version (built-in and CRD), and the truth about one that names
 * a service (jk8s does not proxy aggregated APIs).
 */
class ApiServicesTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none", "--disable-controller-manager");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void everyServedGroupVersionHasALocalAvailableAPIService() {
        String out = kubectl.run("get", "apiservices").assertSuccess().out();
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).matches("NAME +SERVICE +AVAILABLE +AGE"), out);
        for (String name : List.of("v1.", "v1.admissionregistration.k8s.io", "v1.apiextensions.k8s.io", "v1.apps",
                "v1.authentication.k8s.io", "v1.authorization.k8s.io", "v1.autoscaling", "v1.batch", "v1.certificates.k8s.io",
                "v1.coordination.k8s.io", "v1.discovery.k8s.io", "v1.events.k8s.io", "v1.networking.k8s.io", "v1.node.k8s.io",
                "v1.policy", "v1.rbac.authorization.k8s.io", "v1.scheduling.k8s.io", "v1.storage.k8s.io", "v2.autoscaling")) {
            assertTrue(lines.stream().anyMatch(line -> line.matches(java.util.regex.Pattern.quote(name) + " +Local +True +\\d+[sm]")),
                    name + " in\n" + out);
        }
        // kube-apiserver's priorities, so that clients order groups and versions as against kube
        assertEquals("18000 1 onstart", kubectl.run("get", "apiservice", "v1.", "-o",
                "jsonpath={.spec.groupPriorityMinimum} {.spec.versionPriority} "
                        + "{.metadata.labels.kube-aggregator\\.kubernetes\\.io/automanaged}").out());
        assertEquals("apps 17800 15", kubectl.run("get", "apiservice", "v1.apps", "-o",
                "jsonpath={.spec.group} {.spec.groupPriorityMinimum} {.spec.versionPriority}").out());
        assertEquals("17500 30", kubectl.run("get", "apiservice", "v2.autoscaling", "-o",
                "jsonpath={.spec.groupPriorityMinimum} {.spec.versionPriority}").out());
        assertEquals("Available True Local Local APIServices are always available", kubectl.run("get", "apiservice", "v1.batch",
                "-o", "jsonpath={.status.conditions[0].type} {.status.conditions[0].status} {.status.conditions[0].reason} "
                        + "{.status.conditions[0].message}").out());
        assertTrue(kubectl.run("api-resources", "--api-group=apiregistration.k8s.io").out()
                .matches("(?s)NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND\napiservices +apiregistration.k8s.io/v1 +false +APIService\n"));
        assertTrue(kubectl.run("get", "api-extensions").out().contains("apiservice.apiregistration.k8s.io/v1.apps "));

        // the availability controller owns the condition: a status written over it is put right
        kubectl.run("patch", "apiservice", "v1.batch", "--subresource=status", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/status/conditions/0/status\",\"value\":\"False\"}]").assertSuccess();
        Eventually.until("v1.batch available again", () -> kubectl.run("get", "apiservice", "v1.batch").out(),
                o -> o.matches("(?s).*\nv1\\.batch +Local +True +\\d+s\n"));
    }

    @Test
    void aCustomResourceDefinitionsVersionsComeAndGoWithIt() {
        kubectl.runWithInput("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gizmos.apiservices.example.com}
                spec:
                  group: apiservices.example.com
                  scope: Namespaced
                  names: {plural: gizmos, singular: gizmo, kind: Gizmo}
                  versions:
                  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
                  - {name: v1beta1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}
                  - {name: v1alpha1, served: false, storage: false, schema: {openAPIV3Schema: {type: object}}}
                """, "create", "-f", "-").assertSuccess();
        Eventually.until("both served versions registered", () -> kubectl.run("get", "apiservices").out(),
                out -> out.contains("v1beta1.apiservices.example.com") && out.contains("v1.apiservices.example.com"));
        String out = kubectl.run("get", "apiservices").out();
        assertTrue(out.lines().anyMatch(l -> l.matches("v1\\.apiservices\\.example\\.com +Local +True +\\d+s")), out);
        assertFalse(out.contains("v1alpha1.apiservices.example.com"), out);
        assertEquals("1000 100 true", kubectl.run("get", "apiservice", "v1beta1.apiservices.example.com", "-o",
                "jsonpath={.spec.groupPriorityMinimum} {.spec.versionPriority} "
                        + "{.metadata.labels.kube-aggregator\\.kubernetes\\.io/automanaged}").out());

        // kept in sync continuously: deleted, it comes back
        kubectl.run("delete", "apiservice", "v1.apiservices.example.com").assertSuccess();
        Eventually.until("v1.apiservices.example.com re-registered",
                () -> kubectl.run("get", "apiservice", "v1.apiservices.example.com").out(), o -> o.contains("Local"));

        // a version no longer served loses its APIService; the definition's deletion takes the rest
        kubectl.run("patch", "crd", "gizmos.apiservices.example.com", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/versions/1/served\",\"value\":false}]").assertSuccess();
        Eventually.until("v1beta1 gone", () -> kubectl.run("get", "apiservices").out(),
                o -> !o.contains("v1beta1.apiservices.example.com") && o.contains("v1.apiservices.example.com"));
        kubectl.run("delete", "crd", "gizmos.apiservices.example.com").assertSuccess();
        Eventually.until("v1 gone", () -> kubectl.run("get", "apiservices").out(), o -> !o.contains("apiservices.example.com"));
    }

    @Test
    void aBuiltInAPIServiceDeletedComesBackAtTheNextStart() {
        kubectl.run("delete", "apiservice", "v1.node.k8s.io").assertSuccess();
        // synced once per start, as kube's autoregister controller does with its "onstart" APIServices
        assertEquals("Error from server (NotFound): apiservices.apiregistration.k8s.io \"v1.node.k8s.io\" not found\n",
                kubectl.run("get", "apiservice", "v1.node.k8s.io").err());
        cluster.server().restart();
        assertTrue(kubectl.run("get", "apiservice", "v1.node.k8s.io").assertSuccess().out()
                .matches("(?s).*\nv1\\.node\\.k8s\\.io +Local +True +\\d+s\n"));
    }

    @Test
    void anAPIServiceForAMissingServiceIsNotAvailable() {
        kubectl.runWithInput("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1beta1.metrics.k8s.io}
                spec:
                  group: metrics.k8s.io
                  version: v1beta1
                  groupPriorityMinimum: 100
                  versionPriority: 100
                  insecureSkipTLSVerify: true
                  service: {name: metrics-server, namespace: kube-system}
                """, "create", "-f", "-").assertSuccess();
        String row = Eventually.until("the availability check", () -> kubectl.run("get", "apiservice", "v1beta1.metrics.k8s.io").out(),
                o -> o.contains("False"));
        assertTrue(row.matches("NAME +SERVICE +AVAILABLE +AGE\nv1beta1\\.metrics\\.k8s\\.io +kube-system/metrics-server +False \\(ServiceNotFound\\) +\\d+s\n"),
                row);
        assertEquals("443 ServiceNotFound service/metrics-server in \"kube-system\" is not present", kubectl.run("get", "apiservice",
                "v1beta1.metrics.k8s.io", "-o", "jsonpath={.spec.service.port} {.status.conditions[0].reason} "
                        + "{.status.conditions[0].message}").out());
        assertEquals("Error from server (ServiceUnavailable): the server is currently unable to handle the request\n",
                kubectl.run("get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes").err());
        // discovery lists the group, as the aggregator does for every APIService
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"APIGroup\",\"name\":\"metrics.k8s.io\",\"preferredVersion\":"
                        + "{\"groupVersion\":\"metrics.k8s.io/v1beta1\",\"version\":\"v1beta1\"},\"versions\":"
                        + "[{\"groupVersion\":\"metrics.k8s.io/v1beta1\",\"version\":\"v1beta1\"}]}",
                kubectl.run("get", "--raw", "/apis/metrics.k8s.io").assertSuccess().out());
        assertTrue(kubectl.run("get", "--raw", "/apis").out().contains("\"name\":\"metrics.k8s.io\""));

        // the service without endpoints: the next step of the check fails
        kubectl.run("create", "service", "clusterip", "metrics-server", "-n", "kube-system", "--tcp=443:4443").assertSuccess();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: metrics-server, namespace: kube-system}
                subsets: []
                """, "apply", "-f", "-").assertSuccess();
        Eventually.until("MissingEndpoints", () -> kubectl.run("get", "apiservice", "v1beta1.metrics.k8s.io", "-o",
                        "jsonpath={.status.conditions[0].reason}: {.status.conditions[0].message}").out(),
                o -> o.equals("MissingEndpoints: endpoints for service/metrics-server in \"kube-system\" have no addresses "
                        + "with port name \"443-4443\""));

        // service and endpoints in place: only the discovery check is left, and nothing is proxied to answer it
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: metrics-server, namespace: kube-system}
                subsets:
                - addresses: [{ip: 10.244.0.10}]
                  ports: [{name: 443-4443, port: 4443}]
                """, "apply", "-f", "-").assertSuccess();
        String failed = Eventually.until("FailedDiscoveryCheck", () -> kubectl.run("get", "apiservice", "v1beta1.metrics.k8s.io").out(),
                o -> o.contains("FailedDiscoveryCheck"));
        assertTrue(failed.matches("(?s).*\nv1beta1\\.metrics\\.k8s\\.io +kube-system/metrics-server +False \\(FailedDiscoveryCheck\\) +\\d+s\n"),
                failed);
        assertTrue(kubectl.run("get", "apiservice", "v1beta1.metrics.k8s.io", "-o", "jsonpath={.status.conditions[0].message}").out()
                .matches("failing or missing response from https://10\\.\\d+\\.\\d+\\.\\d+:443/apis/metrics\\.k8s\\.io/v1beta1: .+"));

        kubectl.run("delete", "apiservice", "v1beta1.metrics.k8s.io").assertSuccess();
        Eventually.until("the group-version unclaimed", () -> kubectl.run("get", "--raw", "/apis/metrics.k8s.io/v1beta1").err(),
                err -> err.contains("NotFound"));
        assertFalse(kubectl.run("get", "--raw", "/apis").out().contains("metrics.k8s.io"));
    }

    @Test
    void invalidAPIServicesAreRefusedWithKubesMessages() {
        Kubectl.Result local = kubectl.runWithInput("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: wrong.example.org}
                spec:
                  group: example.org
                  version: v1
                  groupPriorityMinimum: 30000
                  versionPriority: 0
                  caBundle: Zm9v
                  insecureSkipTLSVerify: true
                """, "create", "-f", "-");
        assertEquals("""
                The APIService "wrong.example.org" is invalid:\s
                * metadata.name: Invalid value: "wrong.example.org": must be `spec.version+"."+spec.group`: "v1.example.org"
                * spec.groupPriorityMinimum: Invalid value: 30000: must be positive and less than 20000
                * spec.versionPriority: Invalid value: 0: must be positive and less than 1000
                * spec.caBundle: Invalid value: "3 bytes": local APIServices may not have a caBundle
                * spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify
                """, local.err());
        Kubectl.Result remote = kubectl.runWithInput("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v2.}
                spec:
                  version: v2
                  groupPriorityMinimum: 1
                  versionPriority: 1
                  caBundle: Zm9v
                  insecureSkipTLSVerify: true
                  service: {port: 70000}
                """, "create", "-f", "-");
        assertEquals("""
                The APIService "v2." is invalid:\s
                * spec.group: Required value: only v1 may have an empty group and it better be legacy kube
                * spec.service.namespace: Required value
                * spec.service.name: Required value
                * spec.service.port: Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive
                * spec.insecureSkipTLSVerify: Invalid value: true: may not be true if caBundle is present
                """, remote.err());
        assertEquals("The APIService \"v1.apps\" is invalid: status.conditions[0].status: Unsupported value: \"Maybe\": "
                + "supported values: \"True\", \"False\", \"Unknown\"\n", kubectl.run("patch", "apiservice", "v1.apps",
                "--subresource=status", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/status/conditions/0/status\",\"value\":\"Maybe\"}]").err());
    }
}
