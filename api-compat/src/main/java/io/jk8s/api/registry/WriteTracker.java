package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records who wrote what on each write through the API (kube's fieldmanager, which the REST
 * handlers run on create, update and patch): called with the stored object ({@code null} on
 * create) and the object about to be written: on create after defaulting and before the
 * strategy's admission additions, as kube's create handler; on update after defaulting and the
 * strategy's preparation, so it sees exactly what changes. Internal writes (graceful deletion, allocations) pass {@link #NONE}.
 */
@FunctionalInterface
public interface WriteTracker {

    WriteTracker NONE = (live, object) -> { };

    void track(HasMetadata live, HasMetadata object);
}
