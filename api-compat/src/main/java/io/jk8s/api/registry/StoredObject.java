package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object a write stored, with the JSON the API serves for it when the stored bytes give it
 * directly ({@code json}, else null): answering a write then costs no second serialization of the
 * object just encoded for storage.
 */
public record StoredObject<T extends HasMetadata>(T object, byte[] json) {

    static <T extends HasMetadata> StoredObject<T> decoded(T object) {
        return new StoredObject<>(object, null);
    }
}
