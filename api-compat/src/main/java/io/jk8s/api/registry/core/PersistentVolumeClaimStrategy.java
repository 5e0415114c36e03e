package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.registry.storage.DefaultStorageClass;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Map;

/** PersistentVolumeClaims (pkg/registry/core/persistentvolumeclaim/strategy.go), with the DefaultStorageClass admission plugin. */
public final class PersistentVolumeClaimStrategy implements Strategy<PersistentVolumeClaim> {

    private DefaultStorageClass defaultClass;

    @Override
    public void attach(Registry registry) {
        defaultClass = new DefaultStorageClass(registry);
    }

    @Override
    public void applyDefaults(PersistentVolumeClaim pvc) {
        PersistentVolumeClaimSpec spec = spec(pvc);
        pvc.setSpec(spec);
        if (spec.getVolumeMode() == null) {
            spec.setVolumeMode("Filesystem");
        }
    }

    @Override
    public void prepareForCreate(PersistentVolumeClaim pvc) {
        defaultClass.admit(pvc);
        pvc.getStatus().setPhase("Pending");
    }

    @Override
    public List<TableColumn<PersistentVolumeClaim>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Status", "string", "phase represents the current phase of PersistentVolumeClaim.",
                        (c, now) -> c.getMetadata().getDeletionTimestamp() != null ? "Terminating" : status(c).getPhase()),
                TableColumn.of("Volume", "string", "volumeName is the binding reference to the PersistentVolume backing "
                        + "this claim.", (c, now) -> spec(c).getVolumeName() == null ? "" : spec(c).getVolumeName()),
                TableColumn.of("Capacity", "string", "capacity represents the actual resources of the underlying volume.",
                        (c, now) -> bound(c) ? PersistentVolumes.storage(status(c).getCapacity()) : ""),
                TableColumn.of("Access Modes", "string", "accessModes contains the actual access modes the volume backing "
                        + "the PVC has.", (c, now) -> bound(c) ? PersistentVolumes.accessModes(status(c).getAccessModes()) : ""),
                TableColumn.of("StorageClass", "string", "StorageClass of the pvc", (c, now) -> storageClass(c)),
                TableColumn.of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc",
                        (c, now) -> PersistentVolumes.orUnset(spec(c).getVolumeAttributesClassName())),
                StandardColumns.age(),
                TableColumn.<PersistentVolumeClaim>of("VolumeMode", "string", "volumeMode defines what type of volume is "
                        + "required by the claim.", (c, now) -> PersistentVolumes.orUnset(spec(c).getVolumeMode())).priority(1));
    }

    private static boolean bound(PersistentVolumeClaim c) {
        return spec(c).getVolumeName() != null && !spec(c).getVolumeName().isEmpty();
    }

    private static String storageClass(PersistentVolumeClaim c) {
        Map<String, String> annotations = c.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey("volume.beta.kubernetes.io/storage-class")) {
            return annotations.get("volume.beta.kubernetes.io/storage-class");
        }
        return spec(c).getStorageClassName() == null ? "" : spec(c).getStorageClassName();
    }

    private static PersistentVolumeClaimSpec spec(PersistentVolumeClaim c) {
        return c.getSpec() == null ? new PersistentVolumeClaimSpec() : c.getSpec();
    }

    private static PersistentVolumeClaimStatus status(PersistentVolumeClaim c) {
        return c.getStatus() == null ? new PersistentVolumeClaimStatus() : c.getStatus();
    }
}
