package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's writes to the API: pod status through {@code /status} (only when it changed, as
 * kubelet's status manager does) and the final deletion once the pod's containers are gone.
 */
final class PodStatusManager {

    private final KubernetesClient client;

    PodStatusManager(KubernetesClient client) {
        this.client = client;
    }

    /** Writes the status unless the pod already shows it; returns whether it wrote. */
    boolean setStatus(Pod pod, PodStatus status) {
        if (Objects.equals(pod.getStatus(), status)) {
            return false;
        }
        // a merge patch of the whole status: no resourceVersion, so a concurrent label edit is no conflict,
        // and lists (conditions, containerStatuses) are replaced whole
        String patch = client.getKubernetesSerialization().asJson(Map.of("status", status));
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        return true;
    }

    /**
     * Deletes the pod with gracePeriodSeconds=0 and a uid precondition, as kubelet's status manager
     * does once a terminating pod has no containers left: the precondition keeps a new pod of the
     * same name (a StatefulSet's replacement) from being deleted by mistake.
     */
    void confirmDeletion(Pod pod) {
        String path = "/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName();
        String body = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0,"
                + "\"preconditions\":{\"uid\":\"" + pod.getMetadata().getUid() + "\"}}";
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + path)
                .method("DELETE", "application/json", body)
                // a stalled request must not hold the pod's sync (one at a time per pod) forever
                .timeout(30, TimeUnit.SECONDS)
                .build();
        HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).join();
        // 404: already gone; 409: the precondition failed, a different pod has the name now
        if (response.code() >= 300 && response.code() != 404 && response.code() != 409) {
            throw new IllegalStateException("deleting pod " + pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName() + ": HTTP " + response.code() + " " + response.body());
        }
    }
}
