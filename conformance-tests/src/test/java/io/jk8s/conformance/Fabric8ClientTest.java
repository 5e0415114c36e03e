package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jk8s.conformance.support.RunningCluster;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fabric8 kubernetes-client, unchanged and with its defaults, against the jar: CRUD, errors, lists, watches. */
class Fabric8ClientTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster();

    static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = fabric8Client(cluster);
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    /** The kubeconfig's settings as fabric8 reads them; only the request timeout is raised, for loaded CI machines. */
    static KubernetesClient fabric8Client(RunningCluster cluster) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(cluster.server().kubeconfig()));
        config.setRequestTimeout(60_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Test
    void typedClientsOfTheClassGroups() {
        PriorityClass high = client.scheduling().v1().priorityClasses().resource(new PriorityClassBuilder()
                .withNewMetadata().withName("f8-high").endMetadata().withValue(5000).build()).create();
        assertEquals("PreemptLowerPriority", high.getPreemptionPolicy());
        assertTrue(client.scheduling().v1().priorityClasses().list().getItems().stream()
                .anyMatch(c -> c.getMetadata().getName().equals("system-node-critical") && c.getValue() == 2000001000));
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> client.scheduling().v1().priorityClasses().withName("system-cluster-critical").delete());
        assertEquals(403, refused.getCode());

        StorageClass standard = client.storage().v1().storageClasses().resource(new StorageClassBuilder()
                .withNewMetadata().withName("f8-standard").endMetadata().withProvisioner("example.com/disk").build()).create();
        assertEquals("Delete Immediate", standard.getReclaimPolicy() + " " + standard.getVolumeBindingMode());
        RuntimeClass gvisor = client.resources(RuntimeClass.class).resource(new RuntimeClassBuilder()
                .withNewMetadata().withName("f8-gvisor").endMetadata().withHandler("runsc").build()).create();
        assertEquals("runsc", client.resources(RuntimeClass.class).withName("f8-gvisor").get().getHandler());
        assertNotNull(gvisor.getMetadata().getUid());
    }

    @Test
    void configMapCrudAndUpdateConflict() {
        ConfigMap created = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("crud")
                .endMetadata().addToData("a", "1").build()).create();
        assertNotNull(created.getMetadata().getUid());
        assertEquals("default", created.getMetadata().getNamespace());

        ConfigMap read = client.configMaps().withName("crud").get();
        assertEquals(created.getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion());

        ConfigMap edited = client.configMaps().withName("crud").edit(cm -> new ConfigMapBuilder(cm).addToData("b", "2").build());
        assertEquals(Map.of("a", "1", "b", "2"), edited.getData());

        // an update that carries the stale resourceVersion loses: 409 Conflict, as the optimistic lock says
        ConfigMap stale = new ConfigMapBuilder(read).addToData("c", "3").build();
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().resource(stale).update());
        assertEquals(409, conflict.getCode());
        assertEquals("Conflict", conflict.getStatus().getReason());
        assertEquals("Operation cannot be fulfilled on configmaps \"crud\": the object has been modified; "
                + "please apply your changes to the latest version and try again", conflict.getStatus().getMessage());

        KubernetesClientException exists = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("crud").endMetadata().build()).create());
        assertEquals(409, exists.getCode());
        assertEquals("AlreadyExists", exists.getStatus().getReason());

        assertEquals(1, client.configMaps().withName("crud").delete().size());
        assertNull(client.configMaps().withName("crud").get());
        assertTrue(client.configMaps().withName("crud").delete().isEmpty(), "deleting a missing object answers nothing");
    }

    @Test
    void podCrudWithDefaults() {
        // another scheduler's pod: the cluster's scheduler would otherwise update its status between the edits below
        Pod created = client.pods().resource(new PodBuilder().withNewMetadata().withName("web").addToLabels("app", "web")
                .endMetadata().withNewSpec().withSchedulerName("elsewhere").addNewContainer().withName("app")
                .withImage("nginx:1.27").endContainer().endSpec().build()).create();
        assertEquals("Always", created.getSpec().getRestartPolicy());
        assertEquals("IfNotPresent", created.getSpec().getContainers().get(0).getImagePullPolicy());
        assertEquals("Pending", created.getStatus().getPhase());

        Pod labelled = client.pods().withName("web").edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "front")
                .endMetadata().build());
        assertEquals("front", labelled.getMetadata().getLabels().get("tier"));

        // most of a pod's spec is immutable: 422 Invalid
        KubernetesClientException invalid = assertThrows(KubernetesClientException.class, () -> client.pods().withName("web")
                .edit(p -> new PodBuilder(p).editSpec().editFirstContainer().withName("renamed").endContainer().endSpec().build()));
        assertEquals(422, invalid.getCode());
        assertEquals("Invalid", invalid.getStatus().getReason());

        client.pods().withName("web").withGracePeriod(0).delete();
        assertNull(client.pods().withName("web").get());
    }

    @Test
    void deploymentCrudAndScale() {
        Deployment created = client.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName("api")
                .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata().withNewSpec().addNewContainer()
                .withName("api").withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build()).create();
        assertEquals(1L, created.getMetadata().getGeneration());
        assertEquals("25%", created.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal());

        Deployment scaled = client.apps().deployments().withName("api").scale(3);
        assertEquals(3, scaled.getSpec().getReplicas());
        assertEquals(3, client.apps().deployments().withName("api").get().getSpec().getReplicas());
        assertEquals(2L, client.apps().deployments().withName("api").get().getMetadata().getGeneration());

        assertEquals(1, client.apps().deployments().withName("api").delete().size());
    }

    @Test
    void listsWithSelectorsAndPages() {
        namespace("listed");
        for (int i = 1; i <= 7; i++) {
            client.configMaps().inNamespace("listed").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + i)
                    .addToLabels("parity", i % 2 == 0 ? "even" : "odd").endMetadata().build()).create();
        }
        assertEquals(List.of("cm-2", "cm-4", "cm-6"),
                names(client.configMaps().inNamespace("listed").withLabel("parity", "even").list()));
        assertEquals(List.of("cm-1", "cm-3", "cm-5", "cm-7"),
                names(client.configMaps().inNamespace("listed").withLabelIn("parity", "odd").list()));
        assertEquals(List.of("cm-3"), names(client.configMaps().inNamespace("listed").withField("metadata.name", "cm-3").list()));
        assertEquals(List.of("cm-1", "cm-3", "cm-5", "cm-7"),
                names(client.configMaps().inNamespace("listed").withoutLabel("parity", "even").list()));

        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            ConfigMapList page = client.configMaps().inNamespace("listed")
                    .list(new ListOptionsBuilder().withLimit(3L).withContinue(next).build());
            pages++;
            paged.addAll(names(page));
            next = page.getMetadata().getContinue();
            if (next != null) {
                assertEquals(7 - paged.size(), page.getMetadata().getRemainingItemCount());
            }
        } while (next != null && !next.isEmpty());
        assertEquals(3, pages);
        assertEquals(List.of("cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6", "cm-7"), paged);

        KubernetesClientException badSelector = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("listed").withField("data.x", "1").list());
        assertEquals(400, badSelector.getCode());
        assertEquals("BadRequest", badSelector.getStatus().getReason());
    }

    @Test
    void watchDeliversAddedModifiedDeleted() throws Exception {
        namespace("watched");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch watch = client.configMaps().inNamespace("watched").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                events.add(action + " " + resource.getMetadata().getName() + " " + resource.getData());
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED " + cause);
            }
        })) {
            client.configMaps().inNamespace("watched").resource(new ConfigMapBuilder().withNewMetadata().withName("w")
                    .endMetadata().addToData("v", "1").build()).create();
            client.configMaps().inNamespace("watched").withName("w").edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build());
            client.configMaps().inNamespace("watched").withName("w").delete();
            assertEquals("ADDED w {v=1}", events.poll(10, TimeUnit.SECONDS));
            assertEquals("MODIFIED w {v=2}", events.poll(10, TimeUnit.SECONDS));
            assertEquals("DELETED w {v=2}", events.poll(10, TimeUnit.SECONDS));
        }
    }

    private static void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private static List<String> names(ConfigMapList list) {
        return list.getItems().stream().map(cm -> cm.getMetadata().getName()).toList();
    }
}
