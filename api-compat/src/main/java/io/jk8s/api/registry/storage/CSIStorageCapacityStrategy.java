package io.jk8s.api.registry.storage;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import io.jk8s.api.registry.LabelValidation;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CSIStorageCapacities (pkg/registry/storage/csistoragecapacity/strategy.go,
 * ValidateCSIStorageCapacity): what a CSI driver reports it can still provision for a class in a
 * topology segment. Of the node topology selector only the labels are checked here.
 */
public final class CSIStorageCapacityStrategy implements Strategy<CSIStorageCapacity> {

    @Override
    public List<FieldError> validate(CSIStorageCapacity capacity) {
        List<FieldError> errors = new ArrayList<>();
        LabelSelector topology = capacity.getNodeTopology();
        if (topology != null && topology.getMatchLabels() != null) {
            errors.addAll(LabelValidation.validate(topology.getMatchLabels(), "nodeTopology.matchLabels"));
        }
        String className = capacity.getStorageClassName() == null ? "" : capacity.getStorageClassName();
        NameRule.DNS1123_SUBDOMAIN.check(className)
                .forEach(problem -> errors.add(FieldError.invalid("storageClassName", className, problem)));
        Quantity amount = capacity.getCapacity();
        if (amount != null && amount.getNumericalAmount().compareTo(BigDecimal.ZERO) < 0) {
            errors.add(FieldError.invalid("capacity", amount.toString(), "must be greater than or equal to 0"));
        }
        return errors;
    }

    /** ValidateCSIStorageCapacityUpdate: the inputs of the driver's GetCapacity call are fixed. */
    @Override
    public List<FieldError> validateUpdate(CSIStorageCapacity capacity, CSIStorageCapacity old) {
        List<FieldError> errors = validate(capacity);
        if (!Objects.equals(capacity.getNodeTopology(), old.getNodeTopology())) {
            errors.add(FieldError.invalidRaw("nodeTopology", GoValues.labelSelector(capacity.getNodeTopology()),
                    "field is immutable"));
        }
        if (!Objects.equals(capacity.getStorageClassName(), old.getStorageClassName())) {
            errors.add(FieldError.invalid("storageClassName", capacity.getStorageClassName(), "field is immutable"));
        }
        return errors;
    }

    /** printers.go printCSIStorageCapacity: no Age column. */
    @Override
    public List<TableColumn<CSIStorageCapacity>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("StorageClassName", "string", "storageClassName represents the name of the StorageClass that "
                        + "the reported capacity applies to. It must meet the same requirements as the name of a StorageClass "
                        + "object (non-empty, DNS subdomain). If that object no longer exists, the CSIStorageCapacity object is "
                        + "obsolete and should be removed by its creator. This field is immutable.",
                        (c, now) -> c.getStorageClassName()),
                TableColumn.of("Capacity", "string", "capacity is the value reported by the CSI driver in its "
                        + "GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous "
                        + "fields.", (c, now) -> c.getCapacity() == null ? "<unset>" : c.getCapacity().toString()));
    }
}
