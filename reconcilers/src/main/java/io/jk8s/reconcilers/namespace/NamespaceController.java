package io.jk8s.reconcilers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.WorkQueue;

/** Queues a namespace whenever it is marked for deletion or changes while being deleted. */
public final class NamespaceController {

    private NamespaceController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Namespace> namespaces) {
        WorkQueue queue = new WorkQueue("namespace");
        namespaces.addEventHandler(Handlers.onChange(ns -> {
            if (ns.getMetadata().getDeletionTimestamp() != null) {
                queue.add(ns.getMetadata().getName());
            }
        }));
        return new Controller("namespace", queue, new NamespaceReconciler(client, namespaces.getIndexer()));
    }
}
