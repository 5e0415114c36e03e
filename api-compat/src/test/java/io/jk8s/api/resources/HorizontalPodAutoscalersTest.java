package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HorizontalPodAutoscalers as kubectl creates (autoscaling/v1) and applies (autoscaling/v2) and prints them. */
class HorizontalPodAutoscalersTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void autoscaleDeploymentThenGetHpa() {
        api.kubectl().run("create", "deployment", "web", "--image=nginx").assertSuccess();
        assertEquals("horizontalpodautoscaler.autoscaling/web autoscaled\n",
                api.kubectl().run("autoscale", "deploy", "web", "--max=5").assertSuccess().out());

        List<String> lines = api.kubectl().run("get", "hpa").assertSuccess().out().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+REFERENCE\\s+TARGETS\\s+MINPODS\\s+MAXPODS\\s+REPLICAS\\s+AGE"), lines.toString());
        assertTrue(lines.get(1).matches("web\\s+Deployment/web\\s+cpu: <unknown>/80%\\s+1\\s+5\\s+0\\s+\\d+s"), lines.toString());

        String described = api.kubectl().run("describe", "hpa", "web").assertSuccess().out();
        for (String expected : List.of("Reference:", "Deployment/web", "Min replicas:", "Max replicas:",
                "Deployment pods:", "0 current / 0 desired")) {
            assertTrue(described.contains(expected), expected + " missing in\n" + described);
        }

        // stored as autoscaling/v2, readable as both versions
        assertEquals("1 5 Resource cpu 80", jsonpath("horizontalpodautoscalers.v2.autoscaling", "web",
                "{.spec.minReplicas} {.spec.maxReplicas} {.spec.metrics[0].type} {.spec.metrics[0].resource.name} "
                        + "{.spec.metrics[0].resource.target.averageUtilization}"));
        assertEquals("autoscaling/v1 80", jsonpath("horizontalpodautoscalers.v1.autoscaling", "web",
                "{.apiVersion} {.spec.targetCPUUtilizationPercentage}"));
    }

    @Test
    void applyV2WithMetricsAndBehavior() {
        String manifest = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: api
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
                  maxReplicas: 3
                  metrics:
                  - type: Resource
                    resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
                  - type: Pods
                    pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: "10"}}
                  behavior:
                    scaleDown: {stabilizationWindowSeconds: 60}
                """;
        api.kubectl().runWithInput(manifest, "apply", "-f", "-").assertSuccess();
        String row = api.kubectl().run("get", "hpa", "api", "--no-headers").assertSuccess().out();
        assertTrue(row.matches("api\\s+StatefulSet/db\\s+memory: <unknown>/500Mi, cpu: <unknown>/50% \\+ 1 more\\.\\.\\.\\s+1\\s+3\\s+0\\s+\\d+s\\n"),
                row);
        assertEquals("60 Max 15 0 Max", jsonpath("hpa", "api",
                "{.spec.behavior.scaleDown.stabilizationWindowSeconds} {.spec.behavior.scaleDown.selectPolicy} "
                        + "{.spec.behavior.scaleDown.policies[0].periodSeconds} {.spec.behavior.scaleUp.stabilizationWindowSeconds} "
                        + "{.spec.behavior.scaleUp.selectPolicy}"));
        assertEquals("50", jsonpath("horizontalpodautoscalers.v1.autoscaling", "api",
                "{.spec.targetCPUUtilizationPercentage}"));
    }

    @Test
    void maxBelowMinIsInvalid() {
        String manifest = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: bad
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 3
                  maxReplicas: 2
                """;
        String err = api.kubectl().runWithInput(manifest, "create", "-f", "-").err();
        assertTrue(err.contains("The HorizontalPodAutoscaler \"bad\" is invalid: spec.maxReplicas: Invalid value: 2: "
                + "must be greater than or equal to `minReplicas`"), err);
    }

    @Test
    void discoveryPrefersV2() {
        assertEquals("autoscaling/v2", api.kubectl().run("get", "--raw", "/apis/autoscaling").assertSuccess().out()
                .replaceAll("(?s).*\"preferredVersion\":\\{\"groupVersion\":\"([^\"]+)\".*", "$1"));
        String explained = api.kubectl().run("explain", "hpa.spec.behavior").assertSuccess().out();
        assertTrue(explained.contains("VERSION:    v2") && explained.contains("FIELD: behavior <HorizontalPodAutoscalerBehavior>"),
                explained);
        String resources = api.kubectl().run("api-resources", "--api-group=autoscaling").assertSuccess().out();
        assertTrue(resources.matches("(?s).*horizontalpodautoscalers\\s+hpa\\s+autoscaling/v2\\s+true\\s+HorizontalPodAutoscaler.*"),
                resources);
    }

    private static String jsonpath(String resource, String name, String template) {
        return api.kubectl().run("get", resource, name, "-o", "jsonpath=" + template).assertSuccess().out();
    }
}
