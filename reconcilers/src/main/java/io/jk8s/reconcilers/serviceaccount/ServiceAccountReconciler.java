package io.jk8s.reconcilers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Duration;

/** Every active namespace has a {@code default} ServiceAccount (kube's serviceaccounts controller). */
public final class ServiceAccountReconciler implements Reconciler {

    static final String DEFAULT = "default";

    private final KubernetesClient client;
    private final Indexer<Namespace> namespaces;

    public ServiceAccountReconciler(KubernetesClient client, Indexer<Namespace> namespaces) {
        this.client = client;
        this.namespaces = namespaces;
    }

    @Override
    public Duration reconcile(String namespace) {
        Namespace ns = namespaces.getByKey(namespace);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null
                || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase()))) {
            return null;
        }
        if (client.serviceAccounts().inNamespace(namespace).withName(DEFAULT).get() != null) {
            return null;
        }
        try {
            client.serviceAccounts().inNamespace(namespace)
                    .resource(new ServiceAccountBuilder().withNewMetadata().withName(DEFAULT).withNamespace(namespace).endMetadata().build())
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        return null;
    }
}
