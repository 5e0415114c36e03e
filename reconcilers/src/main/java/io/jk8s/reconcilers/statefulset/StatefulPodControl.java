package io.jk8s.reconcilers.statefulset;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jk8s.component.events.EventRecorder;
import io.jk8s.reconcilers.framework.PodControl;

/**
 * Creates and deletes a StatefulSet's pods (and the claims they mount) and records the events
 * kube's StatefulPodControl records, in its words ("create Pod web-0 in StatefulSet web successful").
 */
final class StatefulPodControl {

    private final KubernetesClient client;
    private final EventRecorder events;

    StatefulPodControl(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    void create(StatefulSet set, Pod pod, int ordinal) {
        String podName = pod.getMetadata().getName();
        for (PersistentVolumeClaim claim : StatefulPods.claims(set, ordinal)) {
            try {
                client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace()).resource(claim).create();
                events.normal(set, "SuccessfulCreate", "create Claim " + claim.getMetadata().getName() + " Pod " + podName
                        + " in StatefulSet " + set.getMetadata().getName() + " success");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    events.warning(set, "FailedCreate", "create Claim " + claim.getMetadata().getName() + " for Pod " + podName
                            + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + PodControl.message(e));
                    throw e;
                }
            }
        }
        try {
            client.pods().inNamespace(set.getMetadata().getNamespace()).resource(pod).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return; // the cache had not seen it yet
            }
            record(set, podName, "create", e);
            throw e;
        }
        record(set, podName, "create", null);
    }

    void delete(StatefulSet set, Pod pod) {
        String podName = pod.getMetadata().getName();
        try {
            client.pods().inNamespace(set.getMetadata().getNamespace()).withName(podName).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            record(set, podName, "delete", e);
            throw e;
        }
        record(set, podName, "delete", null);
    }

    private void record(StatefulSet set, String podName, String verb, KubernetesClientException failure) {
        String message = verb + " Pod " + podName + " in StatefulSet " + set.getMetadata().getName();
        if (failure == null) {
            events.normal(set, verb.equals("create") ? "SuccessfulCreate" : "SuccessfulDelete", message + " successful");
        } else {
            events.warning(set, verb.equals("create") ? "FailedCreate" : "FailedDelete", message + " failed error: " + PodControl.message(failure));
        }
    }
}
