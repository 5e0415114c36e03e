package io.jk8s.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller-manager's client against an API that fails each create after making it, as one
 * whose answer was lost would look: the create must go out once, or a controller's pod with a
 * generated name would exist twice.
 */
class ComponentClientsTest {

    private Vertx vertx;
    private HttpServer api;
    private final AtomicInteger creates = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        api = vertx.createHttpServer().requestHandler(request -> {
            if (request.method().name().equals("POST")) {
                creates.incrementAndGet();
            }
            request.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\","
                            + "\"reason\":\"InternalError\",\"code\":500}");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void theControllerManagerSendsAFailedCreateOnce() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + api.actualPort()).build();
        try (KubernetesClient client = ComponentClients.controllerManager(config, vertx)) {
            Pod pod = new PodBuilder().withNewMetadata().withGenerateName("web-").withNamespace("default").endMetadata()
                    .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().build();
            KubernetesClientException failure = assertThrows(KubernetesClientException.class,
                    () -> client.pods().inNamespace("default").resource(pod).create());
            assertEquals(500, failure.getCode());
        }
        assertEquals(1, creates.get());
    }
}
