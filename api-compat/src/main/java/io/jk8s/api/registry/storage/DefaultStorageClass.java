package io.jk8s.api.registry.storage;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.jk8s.api.registry.AnnotatedDefault;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import java.util.Map;

/**
 * kube-apiserver's DefaultStorageClass admission plugin (on by default,
 * plugin/pkg/admission/storage/storageclass/setdefault): a new claim that names no class, neither
 * in {@code spec.storageClassName} (even "") nor in the beta annotation, gets the default class.
 */
public final class DefaultStorageClass {

    static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    private final Registry registry;

    public DefaultStorageClass(Registry registry) {
        this.registry = registry;
    }

    public void admit(PersistentVolumeClaim claim) {
        Map<String, String> annotations = claim.getMetadata().getAnnotations();
        if (claim.getSpec().getStorageClassName() != null
                || (annotations != null && annotations.containsKey(BETA_CLASS_ANNOTATION))) {
            return;
        }
        @SuppressWarnings("unchecked")
        ResourceType<StorageClass> type = (ResourceType<StorageClass>) registry.table()
                .find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
        AnnotatedDefault.newest(registry.listerFor(type).list(), StorageClassStrategy.IS_DEFAULT)
                .ifPresent(c -> claim.getSpec().setStorageClassName(c.getMetadata().getName()));
    }
}
