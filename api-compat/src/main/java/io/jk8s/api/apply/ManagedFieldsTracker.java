package io.jk8s.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.FieldsV1;
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

    /**
     * The model's entries for the encoded ones, built field by field: a generic conversion costs as
     * much as the ownership computation. Each fieldsV1 keeps its JSON tree as the value of its
     * top-level keys, which serializes the same as the maps a decoder would make.
     */
    static List<ManagedFieldsEntry> entries(JsonNode managed) {
        List<ManagedFieldsEntry> out = new ArrayList<>();
        if (managed == null) {
            return out;
        }
        for (JsonNode item : managed) {
            FieldsV1 fields = new FieldsV1();
            item.path("fieldsV1").fields().forEachRemaining(e -> fields.setAdditionalProperty(e.getKey(), e.getValue()));
            out.add(new ManagedFieldsEntry(text(item, "apiVersion"), text(item, "fieldsType"), fields, text(item, "manager"),
                    text(item, "operation"), text(item, "subresource"), text(item, "time")));
        }
        return out;
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
