package io.jk8s.reconcilers.serviceaccount;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.reconcilers.framework.Handlers;
import io.jk8s.reconcilers.framework.Owners;
import io.jk8s.reconcilers.framework.WorkQueue;
import java.nio.file.Path;
import java.util.Optional;

/**
 * kube-controller-manager's legacy tokens controller: queues every service-account-token Secret
 * when it changes, and those naming a service account when the account changes or goes.
 */
public final class TokensController {

    private TokensController() {}

    public static Controller create(KubernetesClient client, SharedIndexInformer<Secret> secrets,
                                    SharedIndexInformer<ServiceAccount> serviceAccounts, LegacyTokenGenerator tokens,
                                    Optional<Path> rootCaFile) {
        WorkQueue queue = new WorkQueue("serviceaccount-tokens");
        secrets.addEventHandler(Handlers.onChange(secret -> {
            if (LegacyTokenReconciler.TOKEN_TYPE.equals(secret.getType())) {
                queue.add(Owners.key(secret));
            }
        }));
        serviceAccounts.addEventHandler(Handlers.onChange(account -> secrets.getIndexer().list().stream()
                .filter(secret -> LegacyTokenReconciler.TOKEN_TYPE.equals(secret.getType())
                        && account.getMetadata().getNamespace().equals(secret.getMetadata().getNamespace())
                        && secret.getMetadata().getAnnotations() != null
                        && account.getMetadata().getName().equals(
                                secret.getMetadata().getAnnotations().get(LegacyTokenReconciler.NAME_ANNOTATION)))
                .forEach(secret -> queue.add(Owners.key(secret)))));
        return new Controller("serviceaccount-token", queue, new LegacyTokenReconciler(client, tokens, rootCaFile));
    }
}
