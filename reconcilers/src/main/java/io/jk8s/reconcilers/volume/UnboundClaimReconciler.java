package io.jk8s.reconcilers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of kube's PersistentVolume controller syncUnboundClaim that jk8s has (it binds and
 * provisions nothing): RetroactiveDefaultStorageClass, GA in 1.28. An unbound claim that names no
 * class, created while there was no default StorageClass, gets the default once one exists.
 */
public final class UnboundClaimReconciler implements Reconciler {

    /** The beta way of naming a claim's class, which counts as a class (storagehelpers.PersistentVolumeClaimHasClass). */
    private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
    /** storageutil.IsDefaultAnnotation. */
    private static final List<String> IS_DEFAULT = List.of("storageclass.kubernetes.io/is-default-class",
            "storageclass.beta.kubernetes.io/is-default-class");

    private final KubernetesClient client;
    private final Indexer<PersistentVolumeClaim> claims;
    private final Indexer<StorageClass> classes;

    UnboundClaimReconciler(KubernetesClient client, Indexer<PersistentVolumeClaim> claims, Indexer<StorageClass> classes) {
        this.client = client;
        this.claims = claims;
        this.classes = classes;
    }

    @Override
    public Duration reconcile(String key) {
        PersistentVolumeClaim claim = claims.getByKey(key);
        if (claim == null || hasClass(claim) || claim.getMetadata().getDeletionTimestamp() != null
                || (claim.getSpec().getVolumeName() != null && !claim.getSpec().getVolumeName().isEmpty())) {
            return null;
        }
        Optional<StorageClass> defaultClass = newestDefault();
        if (defaultClass.isEmpty()) {
            return null;
        }
        // an update carrying the cached resourceVersion: a conflict is retried from a fresher cache
        PersistentVolumeClaim classed = new PersistentVolumeClaimBuilder(claim).editSpec()
                .withStorageClassName(defaultClass.get().getMetadata().getName()).endSpec().build();
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).resource(classed).update();
        return null;
    }

    static boolean hasClass(PersistentVolumeClaim claim) {
        Map<String, String> annotations = claim.getMetadata().getAnnotations();
        return (claim.getSpec() != null && claim.getSpec().getStorageClassName() != null)
                || (annotations != null && annotations.containsKey(BETA_CLASS_ANNOTATION));
    }

    /** util.GetDefaultClass: the newest class annotated default, ties to the first name. */
    private Optional<StorageClass> newestDefault() {
        return classes.list().stream()
                .filter(c -> c.getMetadata().getAnnotations() != null
                        && IS_DEFAULT.stream().anyMatch(a -> "true".equals(c.getMetadata().getAnnotations().get(a))))
                .min(Comparator.comparing((StorageClass c) -> Instant.parse(c.getMetadata().getCreationTimestamp())).reversed()
                        .thenComparing(c -> c.getMetadata().getName()));
    }
}
