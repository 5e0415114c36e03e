package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where and in which shape a resource's objects are stored. Most resources are stored as
 * themselves; a resource that is another version of the same objects (events.k8s.io/v1 events are
 * core/v1 events, as in kube-apiserver) shares that resource's keys and converts on the way in and
 * out, so both APIs see every object.
 *
 * @param group the stored resource's group ("" for core)
 * @param plural the stored resource's plural name
 */
public record StorageVersion(String group, String plural, Converter converter) {

    /** JSON-level conversion between the served and the stored form; identity for most resources. */
    public interface Converter {
        Converter IDENTITY = new Converter() {
            @Override
            public ObjectNode toStorage(ObjectNode served) {
                return served;
            }

            @Override
            public ObjectNode fromStorage(ObjectNode stored) {
                return stored;
            }
        };

        ObjectNode toStorage(ObjectNode served);

        ObjectNode fromStorage(ObjectNode stored);
    }

    static StorageVersion itself(String group, String plural) {
        return new StorageVersion(group, plural, Converter.IDENTITY);
    }

    boolean converts() {
        return converter != Converter.IDENTITY;
    }
}
