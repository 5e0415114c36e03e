package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.api.testing.KubectlServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What kubectl learns from discovery: api-resources, api-versions, the "all" category, subresources. */
class DiscoveryResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void apiResourcesListsEveryResourceWithItsShortNames() {
        String out = api.kubectl().run("api-resources").assertSuccess().out();
        for (String row : List.of("pods\\s+po\\s+v1\\s+true\\s+Pod", "services\\s+svc\\s+v1\\s+true\\s+Service",
                "endpoints\\s+ep\\s+v1\\s+true\\s+Endpoints", "secrets\\s+v1\\s+true\\s+Secret",
                "serviceaccounts\\s+sa\\s+v1\\s+true\\s+ServiceAccount", "nodes\\s+no\\s+v1\\s+false\\s+Node",
                "events\\s+ev\\s+v1\\s+true\\s+Event", "persistentvolumes\\s+pv\\s+v1\\s+false\\s+PersistentVolume",
                "persistentvolumeclaims\\s+pvc\\s+v1\\s+true\\s+PersistentVolumeClaim",
                "limitranges\\s+limits\\s+v1\\s+true\\s+LimitRange", "resourcequotas\\s+quota\\s+v1\\s+true\\s+ResourceQuota",
                "replicationcontrollers\\s+rc\\s+v1\\s+true\\s+ReplicationController",
                "podtemplates\\s+v1\\s+true\\s+PodTemplate",
                "deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment", "replicasets\\s+rs\\s+apps/v1\\s+true\\s+ReplicaSet",
                "statefulsets\\s+sts\\s+apps/v1\\s+true\\s+StatefulSet", "daemonsets\\s+ds\\s+apps/v1\\s+true\\s+DaemonSet",
                "controllerrevisions\\s+apps/v1\\s+true\\s+ControllerRevision", "jobs\\s+batch/v1\\s+true\\s+Job",
                "cronjobs\\s+cj\\s+batch/v1\\s+true\\s+CronJob", "leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease",
                "endpointslices\\s+discovery.k8s.io/v1\\s+true\\s+EndpointSlice",
                "events\\s+ev\\s+events.k8s.io/v1\\s+true\\s+Event",
                "poddisruptionbudgets\\s+pdb\\s+policy/v1\\s+true\\s+PodDisruptionBudget",
                "ingresses\\s+ing\\s+networking.k8s.io/v1\\s+true\\s+Ingress",
                "ingressclasses\\s+networking.k8s.io/v1\\s+false\\s+IngressClass",
                "networkpolicies\\s+netpol\\s+networking.k8s.io/v1\\s+true\\s+NetworkPolicy",
                "clusterrolebindings\\s+rbac.authorization.k8s.io/v1\\s+false\\s+ClusterRoleBinding",
                "roles\\s+rbac.authorization.k8s.io/v1\\s+true\\s+Role")) {
            assertTrue(out.lines().anyMatch(l -> l.matches(row)), row + " missing in\n" + out);
        }
    }

    @Test
    void apiVersionsListsEveryGroupVersion() {
        List<String> versions = api.kubectl().run("api-versions").assertSuccess().out().lines().toList();
        assertTrue(versions.containsAll(List.of("v1", "apps/v1", "batch/v1", "policy/v1", "coordination.k8s.io/v1",
                "discovery.k8s.io/v1", "events.k8s.io/v1", "networking.k8s.io/v1",
                "rbac.authorization.k8s.io/v1")), versions.toString());
    }

    @Test
    void getAllShowsTheWorkloadsAndServices() {
        api.kubectl().run("run", "web", "--image=nginx").assertSuccess();
        api.kubectl().run("create", "deployment", "app", "--image=nginx").assertSuccess();
        api.kubectl().run("create", "job", "once", "--image=busybox").assertSuccess();
        String out = api.kubectl().run("get", "all").assertSuccess().out();
        assertTrue(out.lines().anyMatch(l -> l.matches("pod/web\\s+0/1\\s+Pending\\s+0\\s+\\d+s")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("service/kubernetes\\s+ClusterIP\\s+10.96.0.1\\s+<none>\\s+443/TCP\\s+\\d+s")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.matches("deployment.apps/app\\s+0/1\\s+0\\s+0\\s+\\d+s")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("job.batch/once\\s+Running\\s+0/1\\s+\\d+s")), out);
    }

    @Test
    void groupAndVersionAlsoAnswerWithTheTrailingSlashOfKubesOpenApiPaths() throws Exception {
        JsonNode group = JSON.readTree(api.server().send("GET", "/apis/apps/", null, null).body());
        assertEquals("APIGroup", group.path("kind").asText());
        assertEquals("apps/v1", group.path("preferredVersion").path("groupVersion").asText());
        JsonNode resources = JSON.readTree(api.server().send("GET", "/apis/apps/v1/", null, null).body());
        assertEquals("APIResourceList", resources.path("kind").asText());
        assertEquals("apps/v1", resources.path("groupVersion").asText());
        assertEquals(404, api.server().send("GET", "/apis/nosuch.example.com/v1/", null, null).statusCode());
    }

    @Test
    void aggregatedDiscoveryListsSubresourcesAndCategories() throws Exception {
        JsonNode core = JSON.readTree(api.server().send("GET", "/api", AGGREGATED, null).body());
        JsonNode pods = resource(core, "pods");
        assertEquals(List.of("all"), strings(pods.get("categories")));
        assertEquals(List.of("attach", "binding", "ephemeralcontainers", "exec", "log", "portforward", "proxy", "status"), strings(pods.get("subresources"), "subresource"));
        JsonNode rcScale = sub(resource(core, "replicationcontrollers"), "scale");
        assertEquals("{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}", rcScale.get("responseKind").toString());
        assertEquals(List.of("get", "patch", "update"), strings(rcScale.get("verbs")));

        JsonNode apis = JSON.readTree(api.server().send("GET", "/apis", AGGREGATED, null).body());
        JsonNode status = sub(resource(apis, "deployments"), "status");
        assertEquals("{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}", status.get("responseKind").toString());
    }

    @Test
    void resourceListsNameTheSubresources() throws Exception {
        List<String> core = strings(JSON.readTree(api.server().send("GET", "/api/v1", null, null).body()).get("resources"), "name");
        assertTrue(core.containsAll(List.of("pods", "pods/binding", "pods/status", "services/status",
                "replicationcontrollers/scale", "namespaces/status", "nodes/status")), core.toString());
        JsonNode apps = JSON.readTree(api.server().send("GET", "/apis/apps/v1", null, null).body()).get("resources");
        for (JsonNode resource : apps) {
            if (resource.get("name").asText().equals("deployments/scale")) {
                assertEquals("autoscaling", resource.get("group").asText());
                assertEquals("Scale", resource.get("kind").asText());
                return;
            }
        }
        throw new AssertionError("deployments/scale missing in " + apps);
    }

    private static JsonNode resource(JsonNode discovery, String name) {
        for (JsonNode group : discovery.get("items")) {
            for (JsonNode version : group.get("versions")) {
                for (JsonNode resource : version.get("resources")) {
                    if (resource.get("resource").asText().equals(name)) {
                        return resource;
                    }
                }
            }
        }
        throw new AssertionError(name + " missing");
    }

    private static JsonNode sub(JsonNode resource, String name) {
        for (JsonNode sub : resource.get("subresources")) {
            if (sub.get("subresource").asText().equals(name)) {
                return sub;
            }
        }
        throw new AssertionError(name + " missing in " + resource);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> strings(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.get(field).asText()));
        return values;
    }
}
