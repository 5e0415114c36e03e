package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.component.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Creates and deletes a controller's pods and records kube's RealPodControl events about the
 * owner: SuccessfulCreate "Created pod: x", SuccessfulDelete "Deleted pod: x", and FailedCreate
 * "Error creating: ..." / FailedDelete "Error deleting: ..." (controller_utils.go).
 */
public final class PodControl {

    private final KubernetesClient client;
    private final EventRecorder events;

    public PodControl(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    public Pod create(HasMetadata owner, Pod pod) {
        Pod created;
        try {
            created = client.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
        } catch (KubernetesClientException e) {
            events.warning(owner, "FailedCreate", "Error creating: " + message(e));
            throw e;
        }
        events.normal(owner, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
        return created;
    }

    /** @return false when the pod was already gone */
    public boolean delete(HasMetadata owner, Pod pod) {
        try {
            // fabric8 answers a 404 with no details rather than an exception
            if (client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete().isEmpty()) {
                return false;
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            events.warning(owner, "FailedDelete", "Error deleting: " + message(e));
            throw e;
        }
        events.normal(owner, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
        return true;
    }

    public static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
