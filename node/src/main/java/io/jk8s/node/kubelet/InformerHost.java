package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.node.kubelet.server.KubeletHost;
import java.util.List;
import java.util.Optional;

/**
 * The kubelet's pods as its server sees them: the informer's cache of pods bound to this node. The
 * server starts before the informer (the Node must report the server's port), so until the informer
 * is handed over there are no pods.
 */
final class InformerHost implements KubeletHost {

    private volatile SharedIndexInformer<Pod> pods;

    void use(SharedIndexInformer<Pod> informer) {
        this.pods = informer;
    }

    @Override
    public Optional<Pod> podByName(String namespace, String name) {
        SharedIndexInformer<Pod> informer = pods;
        return informer == null ? Optional.empty() : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public List<Pod> pods() {
        SharedIndexInformer<Pod> informer = pods;
        return informer == null ? List.of() : informer.getStore().list();
    }
}
