package io.jk8s.node.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelectorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Downward API values as kubelet renders them into env vars and files. */
class DownwardApiTest {

    private final Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop")
            .addToLabels("tier", "front").addToLabels("app", "web").endMetadata().withNewSpec().endSpec().build();

    @Test
    void labelsAreSortedGoQuotedLines() {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("z", "say \"hi\"\n", "a", "1"));
        assertEquals("a=\"1\"\nz=\"say \\\"hi\\\"\\n\"", DownwardApi.format(labels));
        assertEquals("front", DownwardApi.field(pod, "metadata.labels['tier']", null, null));
        assertEquals("app=\"web\"\ntier=\"front\"", DownwardApi.field(pod, "metadata.labels", null, null));
    }

    @Test
    void resourcesRoundUpAgainstTheDivisorAndDefaultToAllocatable() {
        DownwardApi api = new DownwardApi(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")));
        var c = new ContainerBuilder().withName("app").withNewResources().addToLimits("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity("100Mi")).endResources().build();
        assertEquals("1", api.resource(pod, c, new ResourceFieldSelectorBuilder().withResource("limits.cpu").build()));
        assertEquals("250", api.resource(pod, c, new ResourceFieldSelectorBuilder().withResource("limits.cpu")
                .withDivisor(new Quantity("1m")).build()));
        assertEquals("1024", api.resource(pod, c, new ResourceFieldSelectorBuilder().withResource("limits.memory")
                .withDivisor(new Quantity("1Mi")).build()));
        assertEquals("100", api.resource(pod, c, new ResourceFieldSelectorBuilder().withResource("requests.memory")
                .withDivisor(new Quantity("1Mi")).build()));
    }
}
