package io.jk8s.api.registry.core;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Map;

/** PersistentVolumes (pkg/registry/core/persistentvolume/strategy.go, SetDefaults_PersistentVolume). */
public final class PersistentVolumeStrategy implements Strategy<PersistentVolume> {

    @Override
    public void applyDefaults(PersistentVolume pv) {
        PersistentVolumeSpec spec = spec(pv);
        pv.setSpec(spec);
        if (spec.getPersistentVolumeReclaimPolicy() == null) {
            spec.setPersistentVolumeReclaimPolicy("Retain");
        }
        if (spec.getVolumeMode() == null) {
            spec.setVolumeMode("Filesystem");
        }
    }

    @Override
    public void prepareForCreate(PersistentVolume pv) {
        pv.getStatus().setPhase("Pending");
    }

    @Override
    public List<TableColumn<PersistentVolume>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Capacity", "string", "capacity is the description of the persistent volume's resources and "
                        + "capacity.", (pv, now) -> PersistentVolumes.storage(spec(pv).getCapacity())),
                TableColumn.of("Access Modes", "string", "accessModes contains all ways the volume can be mounted.",
                        (pv, now) -> PersistentVolumes.accessModes(spec(pv).getAccessModes())),
                TableColumn.of("Reclaim Policy", "string", "persistentVolumeReclaimPolicy defines what happens to a "
                        + "persistent volume when released from its claim.",
                        (pv, now) -> spec(pv).getPersistentVolumeReclaimPolicy()),
                TableColumn.of("Status", "string", "phase indicates if a volume is available, bound to a claim, or released "
                        + "by a claim.", (pv, now) -> pv.getMetadata().getDeletionTimestamp() != null ? "Terminating"
                        : status(pv).getPhase()),
                TableColumn.of("Claim", "string", "claimRef is part of a bi-directional binding between PersistentVolume "
                        + "and PersistentVolumeClaim.", (pv, now) -> spec(pv).getClaimRef() == null ? ""
                        : spec(pv).getClaimRef().getNamespace() + "/" + spec(pv).getClaimRef().getName()),
                TableColumn.of("StorageClass", "string", "StorageClass of the pv", (pv, now) -> storageClass(pv)),
                TableColumn.of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv",
                        (pv, now) -> PersistentVolumes.orUnset(spec(pv).getVolumeAttributesClassName())),
                TableColumn.of("Reason", "string", "reason is a brief CamelCase string that describes any failure and is "
                        + "meant for machine parsing and tidy display in the CLI.",
                        (pv, now) -> status(pv).getReason() == null ? "" : status(pv).getReason()),
                StandardColumns.age(),
                TableColumn.<PersistentVolume>of("VolumeMode", "string", "volumeMode defines if a volume is intended to be "
                        + "used with a formatted filesystem or to remain in raw block state.",
                        (pv, now) -> PersistentVolumes.orUnset(spec(pv).getVolumeMode())).priority(1));
    }

    private static String storageClass(PersistentVolume pv) {
        Map<String, String> annotations = pv.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey("volume.beta.kubernetes.io/storage-class")) {
            return annotations.get("volume.beta.kubernetes.io/storage-class");
        }
        return spec(pv).getStorageClassName() == null ? "" : spec(pv).getStorageClassName();
    }

    private static PersistentVolumeSpec spec(PersistentVolume pv) {
        return pv.getSpec() == null ? new PersistentVolumeSpec() : pv.getSpec();
    }

    private static PersistentVolumeStatus status(PersistentVolume pv) {
        return pv.getStatus() == null ? new PersistentVolumeStatus() : pv.getStatus();
    }
}
