package io.jk8s.api.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.registry.WriteTracker;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps {@code metadata.managedFields} of objects written by one non-apply request (an Update operation). */
public record ManagedFieldsTracker(FieldManager fields, String manager, String subresource) implements WriteTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedFieldsTracker.class);
    private static final TypeReference<List<ManagedFieldsEntry>> ENTRIES = new TypeReference<>() { };

    /**
     * Never fails the write: as upstream's UpdateNoErrors, a failure to compute ownership keeps the
     * stored object's managedFields.
     */
    @Override
    public void track(HasMetadata live, HasMetadata object) {
        try {
            JsonNode managed = fields.update(live == null ? null : ObjectCodec.JSON.valueToTree(live),
                    ObjectCodec.JSON.valueToTree(object), manager, subresource);
            object.getMetadata().setManagedFields(entries(managed));
        } catch (RuntimeException e) {
            LOG.error("failed to update managedFields of {}/{}; keeping the stored ones", object.getMetadata().getNamespace(),
                    object.getMetadata().getName(), e);
            object.getMetadata().setManagedFields(live == null ? new ArrayList<>() : live.getMetadata().getManagedFields());
        }
    }

    static List<ManagedFieldsEntry> entries(JsonNode managed) {
        return managed == null ? new ArrayList<>() : ObjectCodec.JSON.convertValue(managed, ENTRIES);
    }
}
