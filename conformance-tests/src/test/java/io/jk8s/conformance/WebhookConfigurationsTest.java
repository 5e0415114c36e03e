package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.conformance.support.RunningCluster;
import io.jk8s.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * admissionregistration.k8s.io/v1 webhook configurations with real kubectl: stored with kube's
 * defaults, printed with kube's columns, refused with kube's messages. (jk8s does not call
 * webhooks yet.)
 */
class WebhookConfigurationsTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none", "--disable-controller-manager");

    private final Kubectl kubectl = cluster.kubectl();

    @Test
    void configurationsAreDefaultedAndListed() {
        assertEquals("validatingwebhookconfiguration.admissionregistration.k8s.io/pod-policy.example.com created\n",
                kubectl.runWithInput("""
                        apiVersion: admissionregistration.k8s.io/v1
                        kind: ValidatingWebhookConfiguration
                        metadata: {name: pod-policy.example.com}
                        webhooks:
                        - name: pod-policy.example.com
                          rules:
                          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
                          clientConfig:
                            service: {namespace: example-namespace, name: example-service}
                          admissionReviewVersions: [v1]
                          sideEffects: None
                        """, "create", "-f", "-").assertSuccess().out());
        kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: sidecar-injector}
                webhooks:
                - name: inject.sidecar.example.com
                  clientConfig: {url: "https://injector.example.com:8443/mutate"}
                  admissionReviewVersions: [v1, v1beta1]
                  sideEffects: NoneOnDryRun
                - name: label.sidecar.example.com
                  clientConfig: {url: "https://injector.example.com:8443/label"}
                  admissionReviewVersions: [v1]
                  sideEffects: None
                  reinvocationPolicy: IfNeeded
                """, "create", "-f", "-").assertSuccess();

        assertTrue(kubectl.run("get", "validatingwebhookconfigurations").assertSuccess().out().matches("""
                NAME +WEBHOOKS +AGE
                pod-policy.example.com +1 +\\d+s
                """), kubectl.run("get", "validatingwebhookconfigurations").out());
        assertTrue(kubectl.run("get", "mutatingwebhookconfiguration").out().matches("""
                NAME +WEBHOOKS +AGE
                sidecar-injector +2 +\\d+s
                """), kubectl.run("get", "mutatingwebhookconfiguration").out());
        assertEquals("Fail Equivalent {} {} 10 * 443", kubectl.run("get", "validatingwebhookconfiguration", "pod-policy.example.com",
                "-o", "jsonpath={.webhooks[0].failurePolicy} {.webhooks[0].matchPolicy} {.webhooks[0].namespaceSelector} "
                        + "{.webhooks[0].objectSelector} {.webhooks[0].timeoutSeconds} {.webhooks[0].rules[0].scope} "
                        + "{.webhooks[0].clientConfig.service.port}").out());
        assertEquals("Never IfNeeded", kubectl.run("get", "mutatingwebhookconfiguration", "sidecar-injector", "-o",
                "jsonpath={.webhooks[0].reinvocationPolicy} {.webhooks[1].reinvocationPolicy}").out());
        assertTrue(kubectl.run("get", "api-extensions").out().contains("mutatingwebhookconfiguration.admissionregistration.k8s.io/sidecar-injector"));

        // the webhooks are the spec: changing them moves the generation
        kubectl.run("patch", "mutatingwebhookconfiguration", "sidecar-injector", "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/webhooks/0/timeoutSeconds\",\"value\":5}]").assertSuccess();
        assertEquals("2 5", kubectl.run("get", "mutatingwebhookconfiguration", "sidecar-injector", "-o",
                "jsonpath={.metadata.generation} {.webhooks[0].timeoutSeconds}").out());
    }

    @Test
    void invalidConfigurationsAreRefusedWithKubesMessages() {
        Kubectl.Result invalid = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: bad}
                webhooks:
                - name: short
                  rules:
                  - {apiGroups: ["", "*"], apiVersions: [v1], operations: [CREATE, PATCH], resources: [pods], scope: Everywhere}
                  clientConfig: {url: "http://example.com/hook?x=1"}
                  admissionReviewVersions: [v2]
                  sideEffects: Some
                  timeoutSeconds: 31
                  reinvocationPolicy: Always
                - name: short
                  clientConfig: {}
                  admissionReviewVersions: []
                """, "create", "-f", "-");
        assertEquals("""
                The MutatingWebhookConfiguration "bad" is invalid:\s
                * webhooks[0].name: Invalid value: "short": should be a domain with at least three segments separated by dots
                * webhooks[0].rules[0].operations[1]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"
                * webhooks[0].rules[0].apiGroups: Invalid value: []string{"", "*"}: if '*' is present, must not specify other API groups
                * webhooks[0].rules[0].scope: Unsupported value: "Everywhere": supported values: "*", "Cluster", "Namespaced"
                * webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"
                * webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds
                * webhooks[0].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"
                * webhooks[0].clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path]
                * webhooks[0].clientConfig.url: Invalid value: "x=1": query parameters are not permitted in the URL
                * webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1
                * webhooks[1].name: Invalid value: "short": should be a domain with at least three segments separated by dots
                * webhooks[1].sideEffects: Required value: must specify one of None, NoneOnDryRun
                * webhooks[1].clientConfig: Required value: exactly one of url or service is required
                * webhooks[1].admissionReviewVersions: Required value: must specify one of v1, v1beta1
                * webhooks[1].name: Duplicate value: "short"
                """, invalid.err());
    }
}
