package io.jk8s.reconcilers.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BorrowedInformerTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        // CRUD mode: an in-memory API with lists and watches, enough for an informer
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void handlersAddedThroughTheViewStopHearingEventsOnceGivenBackWhileTheOwnersKeepHearing() throws Exception {
        SharedIndexInformer<ConfigMap> owned = client.configMaps().inNamespace("default").inform();
        List<String> ownerSaw = new CopyOnWriteArrayList<>();
        owned.addEventHandler(recorder(ownerSaw));
        BorrowedInformer<ConfigMap> borrowed = new BorrowedInformer<>(owned);
        List<String> borrowerSaw = new CopyOnWriteArrayList<>();
        assertSame(borrowed.view(), borrowed.view().addEventHandler(recorder(borrowerSaw)));

        create("first");
        await(() -> borrowerSaw.contains("first") && ownerSaw.contains("first"));
        borrowed.giveBack();
        create("second");
        await(() -> ownerSaw.contains("second"));
        Thread.sleep(200);
        assertEquals(List.of("first"), borrowerSaw);
        assertEquals(owned.getIndexer().list().size(), borrowed.view().getIndexer().list().size());
        owned.stop();
    }

    private void create(String name) {
        client.configMaps().inNamespace("default")
                .resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private static ResourceEventHandler<ConfigMap> recorder(List<String> seen) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                seen.add(object.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap old, ConfigMap object) {}

            @Override
            public void onDelete(ConfigMap object, boolean finalStateUnknown) {}
        };
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
