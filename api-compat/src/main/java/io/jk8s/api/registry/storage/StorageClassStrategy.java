package io.jk8s.api.registry.storage;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.AnnotatedDefault;
import io.jk8s.api.registry.LabelValidation;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** StorageClasses (pkg/registry/storage/storageclass/strategy.go, pkg/apis/storage/validation). */
public final class StorageClassStrategy implements Strategy<StorageClass> {

    /** storageutil.IsDefaultAnnotation: the GA annotation or its beta predecessor. */
    static final List<String> IS_DEFAULT = List.of("storageclass.kubernetes.io/is-default-class",
            "storageclass.beta.kubernetes.io/is-default-class");
    private static final List<String> RECLAIM_POLICIES = List.of("Delete", "Retain");
    private static final List<String> BINDING_MODES = List.of("Immediate", "WaitForFirstConsumer");

    /** SetDefaults_StorageClass. */
    @Override
    public void applyDefaults(StorageClass storageClass) {
        if (storageClass.getReclaimPolicy() == null) {
            storageClass.setReclaimPolicy("Delete");
        }
        if (storageClass.getVolumeBindingMode() == null) {
            storageClass.setVolumeBindingMode("Immediate");
        }
    }

    @Override
    public List<FieldError> validate(StorageClass storageClass) {
        List<FieldError> errors = new ArrayList<>();
        String provisioner = storageClass.getProvisioner();
        if (provisioner == null || provisioner.isEmpty()) {
            errors.add(FieldError.required("provisioner", ""));
        } else {
            LabelValidation.qualifiedNameProblems(provisioner.toLowerCase(Locale.ROOT))
                    .forEach(problem -> errors.add(FieldError.invalid("provisioner", provisioner.toLowerCase(Locale.ROOT), problem)));
        }
        if (storageClass.getParameters() != null) {
            storageClass.getParameters().keySet().stream().filter(String::isEmpty)
                    .forEach(key -> errors.add(FieldError.invalid("parameters", key, "field can not be empty.")));
        }
        String reclaimPolicy = storageClass.getReclaimPolicy();
        if (!reclaimPolicy.isEmpty() && !RECLAIM_POLICIES.contains(reclaimPolicy)) {
            errors.add(FieldError.notSupported("reclaimPolicy", reclaimPolicy, RECLAIM_POLICIES));
        }
        if (!BINDING_MODES.contains(storageClass.getVolumeBindingMode())) {
            errors.add(FieldError.notSupported("volumeBindingMode", storageClass.getVolumeBindingMode(), BINDING_MODES));
        }
        return errors;
    }

    /** ValidateStorageClassUpdate: what provisions volumes never changes. */
    @Override
    public List<FieldError> validateUpdate(StorageClass storageClass, StorageClass old) {
        List<FieldError> errors = new ArrayList<>();
        if (!Objects.equals(orEmpty(storageClass.getParameters()), orEmpty(old.getParameters()))) {
            errors.add(FieldError.forbidden("parameters", "updates to parameters are forbidden."));
        }
        if (!Objects.equals(storageClass.getProvisioner(), old.getProvisioner())) {
            errors.add(FieldError.forbidden("provisioner", "updates to provisioner are forbidden."));
        }
        if (!Objects.equals(storageClass.getReclaimPolicy(), old.getReclaimPolicy())) {
            errors.add(FieldError.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        }
        if (!Objects.equals(storageClass.getVolumeBindingMode(), old.getVolumeBindingMode())) {
            errors.add(FieldError.invalid("volumeBindingMode", storageClass.getVolumeBindingMode(), "field is immutable"));
        }
        return errors;
    }

    /** printers.go printStorageClass. */
    @Override
    public List<TableColumn<StorageClass>> tableColumns() {
        return List.of(new TableColumn<>(StandardColumns.<StorageClass>name().definition(), (c, now) -> c.getMetadata().getName()
                        + (AnnotatedDefault.marked(c, IS_DEFAULT) ? " (default)" : "")),
                TableColumn.of("Provisioner", "string", "provisioner indicates the type of the provisioner.",
                        (c, now) -> c.getProvisioner()),
                TableColumn.of("ReclaimPolicy", "string", "reclaimPolicy controls the reclaimPolicy for dynamically "
                        + "provisioned PersistentVolumes of this storage class. Defaults to Delete.",
                        (c, now) -> c.getReclaimPolicy() == null ? "Delete" : c.getReclaimPolicy()),
                TableColumn.of("VolumeBindingMode", "string", "volumeBindingMode indicates how PersistentVolumeClaims should be "
                        + "provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by "
                        + "servers that enable the VolumeScheduling feature.",
                        (c, now) -> c.getVolumeBindingMode() == null ? "Immediate" : c.getVolumeBindingMode()),
                TableColumn.of("AllowVolumeExpansion", "string", "allowVolumeExpansion shows whether the storage class allow "
                        + "volume expand.", (c, now) -> Boolean.TRUE.equals(c.getAllowVolumeExpansion())),
                StandardColumns.age());
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
