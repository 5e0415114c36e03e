package io.jk8s.reconcilers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.WorkQueue;

/** Queues a namespace when it appears, or when its default ServiceAccount is deleted. */
public final class ServiceAccountController {

    private ServiceAccountController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Namespace> namespaces,
            SharedIndexInformer<ServiceAccount> serviceAccounts) {
        WorkQueue queue = new WorkQueue("serviceaccount");
        // a vanished namespace is a no-op for the reconciler
        namespaces.addEventHandler(Handlers.onChange(ns -> queue.add(ns.getMetadata().getName())));
        serviceAccounts.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ServiceAccount sa) {}

            @Override
            public void onUpdate(ServiceAccount old, ServiceAccount sa) {}

            @Override
            public void onDelete(ServiceAccount sa, boolean finalStateUnknown) {
                if (ServiceAccountReconciler.DEFAULT.equals(sa.getMetadata().getName())) {
                    queue.add(sa.getMetadata().getNamespace());
                }
            }
        });
        return new Controller("serviceaccount", queue, new ServiceAccountReconciler(client, namespaces.getIndexer()));
    }
}
