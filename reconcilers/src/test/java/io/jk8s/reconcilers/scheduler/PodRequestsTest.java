package io.jk8s.reconcilers.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodRequestsTest {

    @Test
    void aPodsOverheadCountsLikeARequest() {
        Pod pod = new PodBuilder().withNewMetadata().withName("sandboxed").endMetadata().withNewSpec()
                .addNewContainer().withName("app").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("64Mi"))).endResources().endContainer()
                .withOverhead(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("120Mi")))
                .endSpec().build();
        PodRequests requests = PodRequests.of(pod);
        assertEquals(750, requests.cpuMillis());
        assertEquals((64 + 120) * 1024L * 1024L, requests.memoryBytes());
    }
}
