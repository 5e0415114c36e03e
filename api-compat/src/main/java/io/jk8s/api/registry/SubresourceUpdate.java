package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.errors.FieldError;
import java.util.List;

/**
 * A subresource that writes one part of an object through its own rules, as kube gives such a
 * subresource its own strategy (pods/ephemeralcontainers: podEphemeralContainersStrategy). The
 * store reads the current object, lets {@link #take} carry the part over from the request, defaults
 * the result as the kind's strategy does, and validates it with {@link #validateUpdate} instead of
 * the main resource's update rules.
 */
public interface SubresourceUpdate<T extends HasMetadata> {

    /**
     * What this subresource writes, taken from {@code requested} onto {@code current} (a private
     * copy of the stored object, which is returned); everything else of the request is dropped.
     */
    T take(T current, T requested);

    /** The rules of a write through this subresource; {@code object} is already defaulted. */
    List<FieldError> validateUpdate(T object, T old);
}
