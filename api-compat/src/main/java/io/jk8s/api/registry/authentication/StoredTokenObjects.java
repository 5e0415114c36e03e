package io.jk8s.api.registry.authentication;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.serviceaccount.ServiceAccountTokenGetter;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The objects tokens name, read from this server's stores (kube-apiserver reads them through its own client). */
final class StoredTokenObjects implements ServiceAccountTokenGetter {

    private static final Logger log = LoggerFactory.getLogger(StoredTokenObjects.class);

    private final ResourceStore<ServiceAccount> serviceAccounts;
    private final ResourceStore<Pod> pods;
    private final ResourceStore<Secret> secrets;
    private final ResourceStore<Node> nodes;

    StoredTokenObjects(Registry registry) {
        this.serviceAccounts = store(registry, "serviceaccounts");
        this.pods = store(registry, "pods");
        this.secrets = store(registry, "secrets");
        this.nodes = store(registry, "nodes");
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceStore<T> store(Registry registry, String plural) {
        ResourceType<T> type = (ResourceType<T>) registry.table().find("", "v1", plural)
                .orElseThrow(() -> new IllegalArgumentException("the resource table must declare core/v1 " + plural));
        return registry.storeFor(type);
    }

    @Override
    public ServiceAccount serviceAccount(String namespace, String name) {
        return serviceAccounts.get(namespace, name);
    }

    @Override
    public Pod pod(String namespace, String name) {
        return pods.get(namespace, name);
    }

    @Override
    public Secret secret(String namespace, String name) {
        return secrets.get(namespace, name);
    }

    @Override
    public Node node(String name) {
        return nodes.get(null, name);
    }

    @Override
    public void labelSecret(String namespace, String name, String uid, String key, String value) {
        try {
            secrets.modify(namespace, name, null, secret -> {
                if (!uid.equals(secret.getMetadata().getUid())) {
                    return secret;
                }
                Map<String, String> labels = new HashMap<>(secret.getMetadata().getLabels() == null ? Map.of()
                        : secret.getMetadata().getLabels());
                labels.put(key, value);
                secret.getMetadata().setLabels(labels);
                return secret;
            });
        } catch (ApiException e) {
            // gone or refused: the label only informs, as kube only logs a failed patch
            log.debug("cannot label secret {}/{}: {}", namespace, name, e.getMessage());
        }
    }
}
