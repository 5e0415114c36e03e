package io.jk8s.reconcilers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;

/**
 * Queues claims for {@link UnboundClaimReconciler}: a claim when it changes, and every claim still
 * without a class when a StorageClass changes (kube's binder finds them on its 15 s resync instead).
 */
public final class PersistentVolumeBinderController {

    private PersistentVolumeBinderController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<PersistentVolumeClaim> claims,
            SharedIndexInformer<StorageClass> classes) {
        WorkQueue queue = new WorkQueue("persistentvolume-binder");
        claims.addEventHandler(Handlers.enqueue(queue));
        classes.addEventHandler(Handlers.onChange(changed -> claims.getIndexer().list().stream()
                .filter(claim -> !UnboundClaimReconciler.hasClass(claim))
                .forEach(claim -> queue.add(Owners.key(claim)))));
        return new Controller("persistentvolume-binder", queue,
                new UnboundClaimReconciler(client, claims.getIndexer(), classes.getIndexer()));
    }
}
