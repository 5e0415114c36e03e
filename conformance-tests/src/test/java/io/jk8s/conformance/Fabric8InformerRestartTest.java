package io.jk8s.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.conformance.support.Eventually;
import io.jk8s.conformance.support.RunningCluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fabric8 SharedIndexInformer across a server restart (stopped, started again on the same data
 * dir and port): it reconnects by itself and its cache follows changes made after the restart.
 */
class Fabric8InformerRestartTest {

    private static final String NS = "informed";

    @RegisterExtension
    static final RunningCluster cluster = new RunningCluster();

    @Test
    void informerCacheFollowsChangesAfterARestart() throws Exception {
        try (KubernetesClient client = Fabric8ClientTest.fabric8Client(cluster)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            create(client, "before");
            try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NS).inform()) {
                informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertEquals("before", cached(informer));

                cluster.server().restart();

                create(client, "after");
                Eventually.until("the informer's cache to hold the object created after the restart", Duration.ofSeconds(60),
                        () -> cached(informer), "after,before"::equals);
                client.configMaps().inNamespace(NS).withName("before").delete();
                Eventually.until("the informer's cache to drop the object deleted after the restart", Duration.ofSeconds(30),
                        () -> cached(informer), "after"::equals);
                client.configMaps().inNamespace(NS).withName("after")
                        .edit(cm -> new ConfigMapBuilder(cm).addToData("changed", "yes").build());
                Eventually.until("the informer's cache to see the update", Duration.ofSeconds(30),
                        () -> String.valueOf(informer.getIndexer().getByKey(NS + "/after").getData()), "{changed=yes}"::equals);
            }
        }
    }

    private static void create(KubernetesClient client, String name) {
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    private static String cached(SharedIndexInformer<ConfigMap> informer) {
        return informer.getStore().list().stream().map(cm -> cm.getMetadata().getName()).sorted().collect(Collectors.joining(","));
    }
}
