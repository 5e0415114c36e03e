package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a DELETE does to an object (k8s.io/apiserver rest.BeforeDelete and the generic store's
 * updateForGracefulDeletionAndFinalizers): remove it now; or only mark it, with
 * {@code deletionTimestamp} and {@code deletionGracePeriodSeconds}, while a grace period runs (pods
 * on a node, which the kubelet stops and then deletes with grace 0) or while finalizers remain;
 * or leave an already pending deletion alone, except that a shorter grace period may be given.
 * Orphan and foreground propagation become the garbage collector's finalizers here.
 */
final class GracefulDeletion {

    /** @param marked the object to write instead of deleting, or null */
    record Decision(boolean deleteNow, HasMetadata marked) {
        static final Decision DELETE_NOW = new Decision(true, null);
        static final Decision PENDING = new Decision(false, null);
    }

    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";
    private static final String ORPHAN_POLICY = "Orphan";
    private static final String FOREGROUND_POLICY = "Foreground";

    private GracefulDeletion() {}

    static <T extends HasMetadata> Decision decide(Strategy<T> strategy, T existing, DeleteOptions options, Instant now) {
        strategy.admitDelete(existing);
        ObjectMeta meta = existing.getMetadata();
        boolean finalizers = meta.getFinalizers() != null && !meta.getFinalizers().isEmpty()
                || strategy.holdsDeletion(existing);
        Long requested = options.getGracePeriodSeconds();
        Long stored = meta.getDeletionGracePeriodSeconds();
        Instant deleteAt;
        long grace;
        if (meta.getDeletionTimestamp() != null && stored != null && stored > 0) {
            if (requested == null || requested >= stored) {
                return Decision.PENDING;
            }
            grace = Math.max(requested, 0);
            deleteAt = Instant.parse(meta.getDeletionTimestamp()).minusSeconds(stored).plusSeconds(grace);
        } else if (meta.getDeletionTimestamp() != null) {
            // marked before with no grace period: only finalizers hold it
            if (finalizers) {
                strategy.checkRepeatedDelete(existing);
            }
            return finalizers ? Decision.PENDING : Decision.DELETE_NOW;
        } else {
            grace = strategy.deletionGracePeriod(existing, requested);
            deleteAt = now.plusSeconds(grace);
            meta.setFinalizers(withGarbageCollectionFinalizers(meta.getFinalizers(), options));
            finalizers = !meta.getFinalizers().isEmpty() || strategy.holdsDeletion(existing);
        }
        if (grace == 0 && !finalizers && (meta.getDeletionTimestamp() != null || !strategy.marksOnFirstDelete())) {
            return Decision.DELETE_NOW;
        }
        if (meta.getDeletionTimestamp() == null) {
            strategy.prepareForDeletion(existing);
        }
        meta.setDeletionTimestamp(DateTimeFormatter.ISO_INSTANT.format(deleteAt.truncatedTo(ChronoUnit.SECONDS)));
        meta.setDeletionGracePeriodSeconds(grace);
        return new Decision(false, existing);
    }

    /**
     * deletionFinalizersForGarbageCollection: an orphan propagation (or orphanDependents) adds the
     * {@code orphan} finalizer, a foreground one {@code foregroundDeletion}, which the garbage
     * collector removes once it has released or deleted the dependents; background adds neither.
     * Without an explicit policy a finalizer already on the object stands.
     */
    static List<String> withGarbageCollectionFinalizers(List<String> current, DeleteOptions options) {
        List<String> finalizers = current == null ? List.of() : current;
        boolean orphan;
        boolean foreground;
        if (options.getOrphanDependents() != null) {
            orphan = options.getOrphanDependents();
            foreground = false;
        } else if (options.getPropagationPolicy() != null) {
            orphan = options.getPropagationPolicy().equals(ORPHAN_POLICY);
            foreground = options.getPropagationPolicy().equals(FOREGROUND_POLICY);
        } else {
            orphan = finalizers.contains(ORPHAN);
            foreground = !orphan && finalizers.contains(FOREGROUND);
        }
        List<String> next = new ArrayList<>(finalizers.stream().filter(f -> !f.equals(ORPHAN) && !f.equals(FOREGROUND)).toList());
        if (orphan) {
            next.add(ORPHAN);
        }
        if (foreground) {
            next.add(FOREGROUND);
        }
        return Set.copyOf(next).equals(Set.copyOf(finalizers)) ? finalizers : next;
    }

    /**
     * An update that removes the last finalizer of an object marked for deletion completes the
     * deletion (ShouldDeleteDuringUpdate; for namespaces also the last of spec.finalizers).
     */
    static <T extends HasMetadata> boolean completesDeletion(Strategy<T> strategy, T updated, T old) {
        ObjectMeta meta = updated.getMetadata();
        List<String> finalizers = meta.getFinalizers();
        List<String> oldFinalizers = old.getMetadata().getFinalizers();
        boolean oldHeld = oldFinalizers != null && !oldFinalizers.isEmpty() || strategy.holdsDeletion(old);
        return meta.getDeletionTimestamp() != null && (finalizers == null || finalizers.isEmpty())
                && !strategy.holdsDeletion(updated) && oldHeld
                && (meta.getDeletionGracePeriodSeconds() == null || meta.getDeletionGracePeriodSeconds() == 0);
    }
}
