package io.jk8s.reconcilers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.time.Clock;

/** kube-controller-manager's csrsigning controller: every change of a CSR queues it. */
public final class CertificateSigningController {

    private CertificateSigningController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<CertificateSigningRequest> requests,
            ClusterSigning signing, Clock clock) {
        WorkQueue queue = new WorkQueue("csrsigning");
        requests.addEventHandler(Handlers.onChange(csr -> queue.add(csr.getMetadata().getName())));
        CertificateAuthority authority = CertificateAuthority.load(signing.certFile(), signing.keyFile());
        return new Controller("csrsigning", queue,
                new CertificateSigningReconciler(client, requests.getIndexer(), authority, signing.duration(), clock));
    }
}
