package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.jk8s.conformance.support.RunningCluster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.Watch;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official io.kubernetes client-java, configured from the kubeconfig as users do: list, watch, CRUD, errors. */
class KubernetesJavaClientTest {

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster();

    static ApiClient client;
    static CoreV1Api core;

    @BeforeAll
    static void connect() throws Exception {
        try (Reader kubeconfig = Files.newBufferedReader(cluster.server().kubeconfig())) {
            client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(kubeconfig)).build();
        }
        // a watch holds its call open until the server ends it
        client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
        core = new CoreV1Api(client);
    }

    @Test
    void listsNamespacesAndPods() throws Exception {
        List<String> namespaces = core.listNamespace().execute().getItems().stream().map(ns -> ns.getMetadata().getName()).toList();
        assertTrue(namespaces.containsAll(List.of("default", "kube-system", "kube-public", "kube-node-lease")), namespaces.toString());

        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("listed"))).execute();
        for (String name : List.of("a", "b", "c")) {
            core.createNamespacedPod("listed", pod(name, Map.of("app", name.equals("b") ? "other" : "web"))).execute();
        }
        V1PodList all = core.listPodForAllNamespaces().execute();
        assertEquals("PodList", all.getKind());
        assertTrue(all.getItems().stream().anyMatch(p -> p.getMetadata().getName().equals("b")));
        assertEquals(List.of("a", "c"), names(core.listNamespacedPod("listed").labelSelector("app=web").execute()));
        assertEquals(List.of("b"), names(core.listNamespacedPod("listed").fieldSelector("metadata.name=b").execute()));

        V1PodList first = core.listNamespacedPod("listed").limit(2).execute();
        assertEquals(List.of("a", "b"), names(first));
        assertEquals(1L, first.getMetadata().getRemainingItemCount());
        V1PodList rest = core.listNamespacedPod("listed").limit(2)._continue(first.getMetadata().getContinue()).execute();
        assertEquals(List.of("c"), names(rest));
    }

    @Test
    void createReadDeleteAndErrors() throws Exception {
        V1ConfigMap created = core.createNamespacedConfigMap("default",
                new V1ConfigMap().metadata(new V1ObjectMeta().name("settings")).data(Map.of("k", "v"))).execute();
        assertNotNull(created.getMetadata().getUid());
        assertEquals(Map.of("k", "v"), core.readNamespacedConfigMap("settings", "default").execute().getData());

        ApiException exists = assertThrows(ApiException.class, () -> core.createNamespacedConfigMap("default",
                new V1ConfigMap().metadata(new V1ObjectMeta().name("settings"))).execute());
        assertEquals(409, exists.getCode());
        V1Status status = client.getJSON().deserialize(exists.getResponseBody(), V1Status.class);
        assertEquals("AlreadyExists", status.getReason());
        assertEquals("configmaps \"settings\" already exists", status.getMessage());

        V1Status deleted = core.deleteNamespacedConfigMap("settings", "default").execute();
        assertEquals("Success", deleted.getStatus());
        assertEquals("settings", deleted.getDetails().getName());

        ApiException missing = assertThrows(ApiException.class, () -> core.readNamespacedConfigMap("settings", "default").execute());
        assertEquals(404, missing.getCode());
        V1Status notFound = client.getJSON().deserialize(missing.getResponseBody(), V1Status.class);
        assertEquals("NotFound", notFound.getReason());

        V1Pod pod = core.createNamespacedPod("default", pod("doomed", Map.of())).execute();
        assertEquals("ClusterFirst", pod.getSpec().getDnsPolicy());
        V1Pod gone = core.deleteNamespacedPod("doomed", "default").gracePeriodSeconds(0).execute();
        assertEquals("doomed", gone.getMetadata().getName());
    }

    @Test
    void watchStreamsAddedModifiedDeleted() throws Exception {
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("watched"))).execute();
        try (Watch<V1ConfigMap> watch = Watch.createWatch(client,
                core.listNamespacedConfigMap("watched").watch(true).buildCall(null),
                new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType())) {
            core.createNamespacedConfigMap("watched", new V1ConfigMap().metadata(new V1ObjectMeta().name("w")).data(Map.of("v", "1")))
                    .execute();
            V1ConfigMap current = core.readNamespacedConfigMap("w", "watched").execute();
            core.replaceNamespacedConfigMap("w", "watched", current.data(Map.of("v", "2"))).execute();
            core.deleteNamespacedConfigMap("w", "watched").execute();
            List<String> seen = new ArrayList<>();
            for (Watch.Response<V1ConfigMap> event : watch) {
                seen.add(event.type + " " + event.object.getMetadata().getName() + " " + event.object.getData());
                if (seen.size() == 3) {
                    break;
                }
            }
            assertEquals(List.of("ADDED w {v=1}", "MODIFIED w {v=2}", "DELETED w {v=2}"), seen);
        }
    }

    private static V1Pod pod(String name, Map<String, String> labels) {
        return new V1Pod().metadata(new V1ObjectMeta().name(name).labels(labels))
                .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("nginx:1.27"))));
    }

    private static List<String> names(V1PodList list) {
        return list.getItems().stream().map(p -> p.getMetadata().getName()).toList();
    }
}
