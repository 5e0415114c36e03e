package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.node.kubelet.server.KubeletHost;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kubelet's pods as its server sees them: the informer's cache of pods bound to this node. The
 * server starts before the informer (the Node must report the server's port), so until the informer
 * is handed over there are no pods.
 */
final class InformerHost implements KubeletHost {

    private volatile SharedIndexInformer<Pod> pods;
    private volatile Function<String, Pod> staticPods = key -> null;

    /** @param staticPods the static pod of a namespace/name key, or null: it stands in for its mirror pod */
    void use(SharedIndexInformer<Pod> informer, Function<String, Pod> staticPods) {
        this.staticPods = staticPods;
        this.pods = informer;
    }

    @Override
    public Optional<Pod> podByName(String namespace, String name) {
        SharedIndexInformer<Pod> informer = pods;
        if (informer == null) {
            return Optional.empty();
        }
        // kubectl logs/exec name the mirror pod; its containers carry the static pod's uid
        String key = namespace + "/" + name;
        Pod staticPod = staticPods.apply(key);
        Pod apiPod = informer.getStore().getByKey(key);
        if (staticPod == null) {
            return Optional.ofNullable(apiPod);
        }
        // the status the kubelet reported, which the log and exec endpoints choose containers by
        return Optional.of(apiPod == null ? staticPod : new Pod(staticPod.getApiVersion(), staticPod.getKind(),
                staticPod.getMetadata(), staticPod.getSpec(), apiPod.getStatus()));
    }

    @Override
    public List<Pod> pods() {
        SharedIndexInformer<Pod> informer = pods;
        return informer == null ? List.of() : informer.getStore().list();
    }
}
