package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the PV and PVC printers share (pkg/apis/core/helper GetAccessModesAsString). */
final class PersistentVolumes {

    private PersistentVolumes() {}

    static String accessModes(List<String> modes) {
        List<String> shown = new ArrayList<>();
        List<String> given = PodSpecDefaults.orEmpty(modes);
        if (given.contains("ReadWriteOnce")) {
            shown.add("RWO");
        }
        if (given.contains("ReadOnlyMany")) {
            shown.add("ROX");
        }
        if (given.contains("ReadWriteMany")) {
            shown.add("RWX");
        }
        if (given.contains("ReadWriteOncePod")) {
            shown.add("RWOP");
        }
        return String.join(",", shown);
    }

    static String storage(Map<String, Quantity> resources) {
        Quantity q = resources == null ? null : resources.get("storage");
        return q == null ? "0" : q.toString();
    }

    static String orUnset(String value) {
        return value == null || value.isEmpty() ? "<unset>" : value;
    }
}
