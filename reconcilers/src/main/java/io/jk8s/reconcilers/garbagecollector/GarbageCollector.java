package io.jk8s.reconcilers.garbagecollector;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jk8s.reconcilers.framework.Reconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube's garbage collector for the kinds jk8s controllers create: a dependent whose owners are
 * all gone is deleted (background cascade); an owner deleted with the {@code orphan} finalizer
 * has its dependents' references removed, and one with {@code foregroundDeletion} waits until
 * its dependents are gone; then the finalizer goes. Queue keys are {@code Kind|namespace/name}.
 */
public final class GarbageCollector implements Reconciler {

    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";
    static final String OWNER_UID_INDEX = "ownerUid";
    static final String UID_INDEX = "uid";

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> informers;

    GarbageCollector(KubernetesClient client, Map<String, SharedIndexInformer<? extends HasMetadata>> informers) {
        this.client = client;
        this.informers = informers;
    }

    static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + "|" + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    @Override
    public Duration reconcile(String key) {
        String kind = key.substring(0, key.indexOf('|'));
        SharedIndexInformer<? extends HasMetadata> informer = informers.get(kind);
        HasMetadata object = informer == null ? null : informer.getIndexer().getByKey(key.substring(kind.length() + 1));
        if (object == null) {
            return null;
        }
        List<String> finalizers = object.getMetadata().getFinalizers() == null ? List.of() : object.getMetadata().getFinalizers();
        if (object.getMetadata().getDeletionTimestamp() != null && (finalizers.contains(ORPHAN) || finalizers.contains(FOREGROUND))) {
            return processDeletingOwner(object, finalizers.contains(ORPHAN));
        }
        collectIfOrphaned(object);
        return null;
    }

    private Duration processDeletingOwner(HasMetadata owner, boolean orphan) {
        List<HasMetadata> dependents = dependentsOf(owner.getMetadata().getUid());
        for (HasMetadata dependent : dependents) {
            if (orphan) {
                resource(dependent).edit(d -> {
                    d.getMetadata().getOwnerReferences().removeIf(ref -> ref.getUid().equals(owner.getMetadata().getUid()));
                    return d;
                });
            } else if (dependent.getMetadata().getDeletionTimestamp() == null) {
                resource(dependent).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            }
        }
        if (!orphan && !dependents.isEmpty()) {
            return Duration.ofSeconds(1); // foreground: the owner goes once its dependents have
        }
        resource(owner).edit(o -> {
            o.getMetadata().getFinalizers().removeAll(List.of(ORPHAN, FOREGROUND));
            return o;
        });
        return null;
    }

    private void collectIfOrphaned(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty() || object.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        List<OwnerReference> missing = new ArrayList<>();
        for (OwnerReference ref : refs) {
            if (!ownerExists(ref, object.getMetadata().getNamespace())) {
                missing.add(ref);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (missing.size() == refs.size()) {
            try {
                resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        } else {
            resource(object).edit(o -> {
                o.getMetadata().getOwnerReferences().removeIf(ref -> missing.stream().anyMatch(m -> m.getUid().equals(ref.getUid())));
                return o;
            });
        }
    }

    /** The cache first; a miss is confirmed with the API (the owner may be newer than the cache). */
    private boolean ownerExists(OwnerReference ref, String namespace) {
        SharedIndexInformer<? extends HasMetadata> informer = informers.get(ref.getKind());
        if (informer == null) {
            return true; // a kind we do not track: never collect on a guess
        }
        if (!informer.getIndexer().byIndex(UID_INDEX, ref.getUid()).isEmpty()) {
            return true;
        }
        HasMetadata live = client.resources(informer.getApiTypeClass()).inNamespace(namespace).withName(ref.getName()).get();
        return live != null && ref.getUid().equals(live.getMetadata().getUid());
    }

    private List<HasMetadata> dependentsOf(String ownerUid) {
        List<HasMetadata> dependents = new ArrayList<>();
        for (SharedIndexInformer<? extends HasMetadata> informer : informers.values()) {
            dependents.addAll(informer.getIndexer().byIndex(OWNER_UID_INDEX, ownerUid));
        }
        return dependents;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Resource<HasMetadata> resource(HasMetadata object) {
        return (Resource<HasMetadata>) (Resource) client.resources(object.getClass())
                .inNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName());
    }
}
