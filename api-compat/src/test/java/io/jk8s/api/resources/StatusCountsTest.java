package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jk8s.api.testing.KubectlServer;
import java.net.http.HttpResponse;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status a client reads back from a create, before any controller counted anything: kube's
 * Go encoding writes the counts declared without omitempty as 0, and clients generated from its
 * OpenAPI (where they are required) refuse an object that lacks them.
 */
class StatusCountsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper SORTED = new ObjectMapper().configure(
            SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String TEMPLATE = "\"selector\":{\"matchLabels\":{\"app\":\"a\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"a\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void workloadsStartAtZero() throws Exception {
        assertEquals("{\"replicas\":0}", createdStatus("/apis/apps/v1/namespaces/default/replicasets",
                "{\"metadata\":{\"name\":\"rs\"},\"spec\":{\"replicas\":2," + TEMPLATE + "}}"));
        assertEquals("{\"availableReplicas\":0,\"replicas\":0}", createdStatus("/apis/apps/v1/namespaces/default/statefulsets",
                "{\"metadata\":{\"name\":\"sts\"},\"spec\":{\"serviceName\":\"sts\"," + TEMPLATE + "}}"));
        assertEquals("{\"currentNumberScheduled\":0,\"desiredNumberScheduled\":0,\"numberMisscheduled\":0,\"numberReady\":0}",
                createdStatus("/apis/apps/v1/namespaces/default/daemonsets", "{\"metadata\":{\"name\":\"ds\"},\"spec\":{" + TEMPLATE + "}}"));
        assertEquals("{\"replicas\":0}", createdStatus("/api/v1/namespaces/default/replicationcontrollers",
                "{\"metadata\":{\"name\":\"rc\"},\"spec\":{\"selector\":{\"app\":\"a\"},\"template\":{\"metadata\":{\"labels\":{\"app\":\"a\"}},"
                        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}"));
        // a list serves the stored bytes: the zeros are stored, not added per response
        JsonNode list = JSON.readTree(api.server().send("GET", "/apis/apps/v1/namespaces/default/replicasets", null, null).body());
        assertEquals("{\"replicas\":0}", sorted(list.path("items").path(0).path("status")));
    }

    @Test
    void disruptionBudgetsAndAutoscalersStartAtZero() throws Exception {
        assertEquals("{\"currentHealthy\":0,\"desiredHealthy\":0,\"disruptionsAllowed\":0,\"expectedPods\":0}",
                createdStatus("/apis/policy/v1/namespaces/default/poddisruptionbudgets",
                        "{\"metadata\":{\"name\":\"pdb\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"a\"}}}}"));
        String target = "\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"},\"maxReplicas\":3";
        assertEquals("{\"currentReplicas\":0,\"desiredReplicas\":0}",
                createdStatus("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers",
                        "{\"metadata\":{\"name\":\"v1\"},\"spec\":{" + target + "}}"));
        // autoscaling/v2 declares currentReplicas omitempty
        assertEquals("{\"desiredReplicas\":0}", createdStatus("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers",
                "{\"metadata\":{\"name\":\"v2\"},\"spec\":{" + target + "}}"));
    }

    /** The created object's status, as sorted JSON (field order is not what is tested). */
    private static String createdStatus(String path, String body) throws Exception {
        HttpResponse<String> created = api.server().send("POST", path, null, body);
        assertEquals(201, created.statusCode(), created.body());
        return sorted(JSON.readTree(created.body()).path("status"));
    }

    private static String sorted(JsonNode node) throws Exception {
        return SORTED.writeValueAsString(SORTED.treeToValue(node, TreeMap.class));
    }
}
