package io.jk8s.api.serviceaccount;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/**
 * The objects a service-account token names, read when the token is checked (kube's
 * ServiceAccountTokenGetter). Each method throws the API's NotFound when the object is gone.
 */
public interface ServiceAccountTokenGetter {

    ServiceAccount serviceAccount(String namespace, String name);

    Pod pod(String namespace, String name);

    Secret secret(String namespace, String name);

    Node node(String name);

    /**
     * Sets one label of a Secret whose uid is still {@code uid} (kube's secretsWriter, with which the
     * API server marks the day a legacy token was last used); a Secret that changed meanwhile is left alone.
     */
    void labelSecret(String namespace, String name, String uid, String key, String value);
}
