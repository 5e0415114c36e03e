package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jk8s.conformance.support.RunningCluster;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fabric8 client's server-side apply and the managedFields it reads back, against the jar. */
class ServerSideApplyClientTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster("--node", "none");

    static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cluster.server().kubeconfig())))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void appliersOwnWhatTheyApplyAndConflictUntilForced() {
        ConfigMap applied = client.resource(configMap("settings", Map.of("a", "1", "b", "1"))).inNamespace("default")
                .fieldManager("app").serverSideApply();
        assertEquals(Map.of("a", "1", "b", "1"), applied.getData());
        ManagedFieldsEntry entry = applied.getMetadata().getManagedFields().get(0);
        assertEquals("app", entry.getManager());
        assertEquals("Apply", entry.getOperation());
        assertEquals("FieldsV1", entry.getFieldsType());
        assertEquals(Map.of("f:data", Map.of("f:a", Map.of(), "f:b", Map.of())), entry.getFieldsV1().getAdditionalProperties());

        KubernetesClientException conflict = assertThrows(KubernetesClientException.class, () ->
                client.resource(configMap("settings", Map.of("a", "2"))).inNamespace("default").fieldManager("other").serverSideApply());
        assertEquals(409, conflict.getCode());
        assertEquals("Apply failed with 1 conflict: conflict with \"app\": .data.a", conflict.getStatus().getMessage());
        assertEquals(".data.a", conflict.getStatus().getDetails().getCauses().get(0).getField());
        assertEquals("FieldManagerConflict", conflict.getStatus().getDetails().getCauses().get(0).getReason());

        ConfigMap forced = client.resource(configMap("settings", Map.of("a", "2"))).inNamespace("default")
                .fieldManager("other").forceConflicts().serverSideApply();
        assertEquals("2", forced.getData().get("a"));
        List<String> managers = forced.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList();
        assertEquals(List.of("app", "other"), managers);

        // "app" stops applying b: nobody else owns it, so it goes; a now belongs to "other" and stays
        ConfigMap pruned = client.resource(configMap("settings", Map.of())).inNamespace("default").fieldManager("app")
                .serverSideApply();
        assertEquals(Map.of("a", "2"), pruned.getData());
    }

    @Test
    void plainWritesAreRecordedUnderTheClientsUserAgent() {
        ConfigMap created = client.resource(configMap("plain", Map.of("x", "1"))).inNamespace("default").create();
        ManagedFieldsEntry entry = created.getMetadata().getManagedFields().get(0);
        assertEquals("fabric8-kubernetes-client", entry.getManager());
        assertEquals("Update", entry.getOperation());
        assertTrue(entry.getTime().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), entry.getTime());
        assertNull(entry.getSubresource());
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
    }
}
