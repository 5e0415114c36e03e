package io.jk8s.api.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.registry.WriteTracker;
import java.util.ArrayList;
import java.util.List;

/** Keeps {@code metadata.managedFields} of objects written by one non-apply request (an Update operation). */
public record ManagedFieldsTracker(FieldManager fields, String manager, String subresource) implements WriteTracker {

    private static final TypeReference<List<ManagedFieldsEntry>> ENTRIES = new TypeReference<>() { };

    @Override
    public void track(HasMetadata live, HasMetadata object) {
        JsonNode managed = fields.update(live == null ? null : ObjectCodec.JSON.valueToTree(live),
                ObjectCodec.JSON.valueToTree(object), manager, subresource);
        object.getMetadata().setManagedFields(entries(managed));
    }

    static List<ManagedFieldsEntry> entries(JsonNode managed) {
        return managed == null ? new ArrayList<>() : ObjectCodec.JSON.convertValue(managed, ENTRIES);
    }
}
