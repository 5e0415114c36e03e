package io.jk8s.reconcilers.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jk8s.reconcilers.framework.LabelSelectors;
import io.jk8s.reconcilers.framework.ObjectHash;
import io.jk8s.reconcilers.framework.Owners;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The template history of StatefulSets and DaemonSets (kube's pkg/controller/history): each
 * distinct pod template is one immutable ControllerRevision named {@code <parent>-<hash>}, whose
 * data is the patch {@code {"spec":{"template":{"$patch":"replace",...}}}} that {@code kubectl
 * rollout undo} applies to go back to it, numbered by {@code revision}.
 */
public final class ControllerRevisions {

    public static final String HASH_LABEL = "controller-revision-hash";
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final KubernetesClient client;
    private final Indexer<ControllerRevision> revisions;
    private final KubernetesSerialization serialization;

    public ControllerRevisions(KubernetesClient client, Indexer<ControllerRevision> revisions) {
        this.client = client;
        this.revisions = revisions;
        this.serialization = client.getKubernetesSerialization();
    }

    /** The parent's revisions, adopting matching orphans (ClaimControllerRevisions), oldest revision first. */
    public List<ControllerRevision> claim(HasMetadata parent, LabelSelector selector) {
        List<ControllerRevision> owned = new ArrayList<>();
        for (ControllerRevision revision : revisions.byIndex(Cache.NAMESPACE_INDEX, parent.getMetadata().getNamespace())) {
            if (Owners.isControlledBy(revision, parent)) {
                owned.add(revision);
            } else if (Owners.controllerOf(revision).isEmpty() && parent.getMetadata().getDeletionTimestamp() == null
                    && LabelSelectors.matches(selector, revision.getMetadata().getLabels())) {
                ControllerRevision copy = serialization.clone(revision);
                copy.getMetadata().getOwnerReferences().add(Owners.controllerReference(parent));
                owned.add(resource(copy).update());
            }
        }
        owned.sort(Comparator.comparingLong(ControllerRevisions::number));
        return owned;
    }

    public static long number(ControllerRevision revision) {
        return Objects.requireNonNullElse(revision.getRevision(), 0L);
    }

    /** One more than the highest revision number, 1 for the first. */
    public static long next(List<ControllerRevision> sorted) {
        return sorted.isEmpty() ? 1 : number(sorted.get(sorted.size() - 1)) + 1;
    }

    /** NewControllerRevision: not yet named; {@link #create} names it by its hash. */
    public ControllerRevision build(HasMetadata parent, PodTemplateSpec template, long number) {
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(template.getMetadata().getLabels());
        return new ControllerRevisionBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withNamespace(parent.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withOwnerReferences(Owners.controllerReference(parent))
                        .build())
                .withData(templatePatch(template))
                .withRevision(number)
                .build();
    }

    /** The revision's name and hash label for this collision count (HashControllerRevision). */
    public static ControllerRevision named(ControllerRevision revision, HasMetadata parent, int collisionCount) {
        String hash = collisionCount == 0 ? ObjectHash.fnv1(canonical(revision.getData()))
                : ObjectHash.fnv1(canonical(revision.getData()), Integer.toString(collisionCount));
        String prefix = parent.getMetadata().getName();
        // ControllerRevisionName keeps the name within the 253 characters of a DNS subdomain
        if (prefix.length() > 223) {
            prefix = prefix.substring(0, 223);
        }
        revision.getMetadata().setName(prefix + "-" + hash);
        revision.getMetadata().getLabels().put(HASH_LABEL, hash);
        return revision;
    }

    /** What {@link #create} made, and the collision count the parent must now record. */
    public record Created(ControllerRevision revision, int collisionCount) {}

    /**
     * Creates the revision; when its name is taken by a different revision (a hash collision) the
     * collision count goes up and the name changes, as CreateControllerRevision does.
     */
    public Created create(HasMetadata parent, ControllerRevision revision, int collisionCount) {
        int collisions = collisionCount;
        while (true) {
            named(revision, parent, collisions);
            try {
                return new Created(resource(revision).create(), collisions);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                ControllerRevision existing = client.apps().controllerRevisions().inNamespace(revision.getMetadata().getNamespace())
                        .withName(revision.getMetadata().getName()).get();
                if (existing != null && equal(existing, revision)) {
                    return new Created(existing, collisions);
                }
                collisions++;
            }
        }
    }

    /**
     * The revision of {@code template}: the newest revision when it already records it, an older
     * one renumbered as the newest when the template went back to it (a rollback), else a new
     * one (getStatefulSetRevisions, constructHistory).
     */
    public Created ensure(HasMetadata parent, PodTemplateSpec template, List<ControllerRevision> sorted, int collisionCount) {
        ControllerRevision wanted = build(parent, template, next(sorted));
        List<ControllerRevision> equal = sorted.stream().filter(r -> equal(r, wanted)).toList();
        if (equal.isEmpty()) {
            return create(parent, wanted, collisionCount);
        }
        ControllerRevision newestEqual = equal.get(equal.size() - 1);
        if (newestEqual == sorted.get(sorted.size() - 1)) {
            return new Created(newestEqual, collisionCount);
        }
        return new Created(renumber(newestEqual, number(wanted)), collisionCount);
    }

    /** Deletes the oldest revisions no pod runs beyond {@code limit} (truncateHistory / cleanupHistory). */
    public void truncate(List<ControllerRevision> sorted, java.util.function.Predicate<ControllerRevision> live, int limit) {
        List<ControllerRevision> old = sorted.stream().filter(live.negate()).toList();
        for (int i = 0; i < old.size() - limit; i++) {
            delete(old.get(i));
        }
    }

    /** Same template (EqualRevision compares the data). */
    public static boolean equal(ControllerRevision a, ControllerRevision b) {
        return canonical(a.getData()).equals(canonical(b.getData()));
    }

    /** Gives an existing revision a new number: a rollback makes an old template the newest. */
    public ControllerRevision renumber(ControllerRevision revision, long number) {
        ControllerRevision copy = serialization.clone(revision);
        copy.setRevision(number);
        return resource(copy).update();
    }

    public void delete(ControllerRevision revision) {
        resource(revision).delete();
    }

    /** The pod template a revision records. */
    public PodTemplateSpec template(ControllerRevision revision) {
        Map<?, ?> data = serialization.convertValue(revision.getData(), Map.class);
        Map<?, ?> spec = (Map<?, ?>) data.get("spec");
        Map<Object, Object> template = new LinkedHashMap<>((Map<?, ?>) spec.get("template"));
        template.remove("$patch");
        return serialization.convertValue(template, PodTemplateSpec.class);
    }

    private Map<String, Object> templatePatch(PodTemplateSpec template) {
        @SuppressWarnings("unchecked")
        Map<String, Object> replaced = new LinkedHashMap<>(serialization.convertValue(template, Map.class));
        replaced.put("$patch", "replace");
        return Map.of("spec", Map.of("template", replaced));
    }

    private static String canonical(Object data) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.convertValue(data, Object.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ControllerRevision> resource(ControllerRevision revision) {
        return client.apps().controllerRevisions().inNamespace(revision.getMetadata().getNamespace()).resource(revision);
    }
}
