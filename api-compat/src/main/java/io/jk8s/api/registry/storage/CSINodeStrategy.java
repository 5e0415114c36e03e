package io.jk8s.api.registry.storage;

import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.CSINodeSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import io.jk8s.api.registry.LabelValidation;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * CSINodes (pkg/registry/storage/csinode/strategy.go, ValidateCSINode): named after their node, one
 * entry per driver registered there; a registered driver's entry is immutable.
 */
public final class CSINodeStrategy implements Strategy<CSINode> {

    /** csiNodeIDLongerMaxLength: the strategy validates with AllowLongNodeID. */
    private static final int NODE_ID_MAX_LENGTH = 256;

    @Override
    public List<FieldError> validate(CSINode node) {
        List<FieldError> errors = new ArrayList<>();
        List<CSINodeDriver> drivers = drivers(node);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < drivers.size(); i++) {
            CSINodeDriver driver = drivers.get(i);
            String path = "spec.drivers[" + i + "]";
            CsiDriverName.validate(driver.getName(), path + ".name", errors);
            String nodeId = driver.getNodeID() == null ? "" : driver.getNodeID();
            if (nodeId.isEmpty()) {
                errors.add(FieldError.required(path + ".nodeID", ""));
            }
            if (nodeId.length() > NODE_ID_MAX_LENGTH) {
                errors.add(FieldError.invalid(path + ".nodeID", nodeId, "must be " + NODE_ID_MAX_LENGTH + " characters or less"));
            }
            if (driver.getAllocatable() != null && driver.getAllocatable().getCount() != null
                    && driver.getAllocatable().getCount() < 0) {
                errors.add(FieldError.invalid(path + ".allocatable.count", driver.getAllocatable().getCount(),
                        "must be greater than or equal to 0"));
            }
            if (!names.add(String.valueOf(driver.getName()))) {
                errors.add(FieldError.duplicate(path + ".name", driver.getName()));
            }
            topologyKeys(driver.getTopologyKeys(), path, errors);
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(CSINode node, CSINode old) {
        List<FieldError> errors = validate(node);
        for (CSINodeDriver before : drivers(old)) {
            for (CSINodeDriver after : drivers(node)) {
                if (Objects.equals(before.getName(), after.getName()) && !before.equals(after)) {
                    errors.add(FieldError.invalidRaw("spec.drivers", goValue(after), "field is immutable"));
                }
            }
        }
        return errors;
    }

    /** The driver as Go's %#v prints it (a set allocatable is a pointer: Go shows its address, which differs per run). */
    private static String goValue(CSINodeDriver driver) {
        List<String> keys = driver.getTopologyKeys() == null || driver.getTopologyKeys().isEmpty() ? null : driver.getTopologyKeys();
        return "storage.CSINodeDriver{Name:" + GoValues.quote(String.valueOf(driver.getName())) + ", NodeID:"
                + GoValues.quote(driver.getNodeID() == null ? "" : driver.getNodeID()) + ", TopologyKeys:" + GoValues.strings(keys)
                + ", Allocatable:(*storage.VolumeNodeResources)(" + (driver.getAllocatable() == null ? "nil" : "0xc000a1b2c0")
                + ")}";
    }

    private static void topologyKeys(List<String> keys, String path, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (String key : keys == null ? List.<String>of() : keys) {
            if (key.isEmpty()) {
                errors.add(FieldError.required(path, key));
            }
            if (!seen.add(key)) {
                errors.add(FieldError.duplicate(path, key));
            }
            LabelValidation.qualifiedNameProblems(key).forEach(problem -> errors.add(FieldError.invalid(path, key, problem)));
        }
    }

    /** printers.go printCSINode. */
    @Override
    public List<TableColumn<CSINode>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node",
                        (n, now) -> (long) drivers(n).size()),
                StandardColumns.age());
    }

    private static List<CSINodeDriver> drivers(CSINode node) {
        CSINodeSpec spec = node.getSpec();
        return spec == null || spec.getDrivers() == null ? List.of() : spec.getDrivers();
    }
}
