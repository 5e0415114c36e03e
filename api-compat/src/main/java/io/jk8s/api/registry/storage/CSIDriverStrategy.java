package io.jk8s.api.registry.storage;

import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverSpec;
import io.fabric8.kubernetes.api.model.storage.TokenRequest;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** CSIDrivers (pkg/registry/storage/csidriver/strategy.go, pkg/apis/storage/validation ValidateCSIDriver). */
public final class CSIDriverStrategy implements Strategy<CSIDriver> {

    private static final List<String> FS_GROUP_POLICIES = List.of("File", "None", "ReadWriteOnceWithFSType");
    private static final List<String> LIFECYCLE_MODES = List.of("Persistent", "Ephemeral");
    private static final long MIN_TOKEN_SECONDS = 600;
    private static final long MAX_TOKEN_SECONDS = 1L << 32;

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** SetDefaults_CSIDriver (SELinuxMountReadWriteOncePod is on in 1.32, so seLinuxMount is defaulted too). */
    @Override
    public void applyDefaults(CSIDriver driver) {
        CSIDriverSpec spec = spec(driver);
        driver.setSpec(spec);
        if (spec.getAttachRequired() == null) {
            spec.setAttachRequired(true);
        }
        if (spec.getPodInfoOnMount() == null) {
            spec.setPodInfoOnMount(false);
        }
        if (spec.getStorageCapacity() == null) {
            spec.setStorageCapacity(false);
        }
        if (spec.getFsGroupPolicy() == null) {
            spec.setFsGroupPolicy("ReadWriteOnceWithFSType");
        }
        if (spec.getVolumeLifecycleModes() == null || spec.getVolumeLifecycleModes().isEmpty()) {
            spec.setVolumeLifecycleModes(new ArrayList<>(List.of("Persistent")));
        }
        if (spec.getRequiresRepublish() == null) {
            spec.setRequiresRepublish(false);
        }
        if (spec.getSeLinuxMount() == null) {
            spec.setSeLinuxMount(false);
        }
    }

    @Override
    public List<FieldError> validate(CSIDriver driver) {
        CSIDriverSpec spec = spec(driver);
        List<FieldError> errors = new ArrayList<>();
        if (spec.getFsGroupPolicy() != null && !FS_GROUP_POLICIES.contains(spec.getFsGroupPolicy())) {
            errors.add(FieldError.notSupported("spec.fsGroupPolicy", spec.getFsGroupPolicy(), FS_GROUP_POLICIES));
        }
        tokenRequests(spec.getTokenRequests(), errors);
        for (String mode : spec.getVolumeLifecycleModes()) {
            if (!LIFECYCLE_MODES.contains(mode)) {
                errors.add(FieldError.notSupported("spec.volumeLifecycleModes", mode, LIFECYCLE_MODES));
            }
        }
        return errors;
    }

    /** ValidateCSIDriverUpdate: attachRequired (upstream's path says "attachedRequired") and the lifecycle modes are fixed. */
    @Override
    public List<FieldError> validateUpdate(CSIDriver driver, CSIDriver old) {
        List<FieldError> errors = validate(driver);
        if (!Objects.equals(spec(driver).getAttachRequired(), spec(old).getAttachRequired())) {
            errors.add(FieldError.invalid("spec.attachedRequired", spec(driver).getAttachRequired(), "field is immutable"));
        }
        if (!Objects.equals(spec(driver).getVolumeLifecycleModes(), spec(old).getVolumeLifecycleModes())) {
            errors.add(FieldError.invalidRaw("spec.volumeLifecycleModes",
                    GoValues.strings(spec(driver).getVolumeLifecycleModes()), "field is immutable"));
        }
        return errors;
    }

    /** validateTokenRequests: distinct audiences, expirations between 10 minutes and 2^32 seconds. */
    private static void tokenRequests(List<TokenRequest> requests, List<FieldError> errors) {
        if (requests == null) {
            return;
        }
        Set<String> audiences = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String path = "spec.tokenRequests[" + i + "]";
            String audience = requests.get(i).getAudience() == null ? "" : requests.get(i).getAudience();
            if (!audiences.add(audience)) {
                errors.add(FieldError.duplicate(path + ".audience", audience));
                continue;
            }
            Long seconds = requests.get(i).getExpirationSeconds();
            if (seconds != null && seconds < MIN_TOKEN_SECONDS) {
                errors.add(FieldError.invalid(path + ".expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
            }
            if (seconds != null && seconds > MAX_TOKEN_SECONDS) {
                errors.add(FieldError.invalid(path + ".expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"));
            }
        }
    }

    /** printers.go printCSIDriver. */
    @Override
    public List<TableColumn<CSIDriver>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("AttachRequired", "boolean", "attachRequired indicates this CSI volume driver requires an attach "
                        + "operation.", (d, now) -> !Boolean.FALSE.equals(spec(d).getAttachRequired())),
                TableColumn.of("PodInfoOnMount", "boolean", "podInfoOnMount indicates this CSI volume driver requires additional "
                        + "pod information (like podName, podUID, etc.) during mount operations, if set to true.",
                        (d, now) -> Boolean.TRUE.equals(spec(d).getPodInfoOnMount())),
                TableColumn.of("StorageCapacity", "boolean", "storageCapacity indicates that the CSI volume driver wants pod "
                        + "scheduling to consider the storage capacity that the driver deployment will report.",
                        (d, now) -> Boolean.TRUE.equals(spec(d).getStorageCapacity())),
                TableColumn.of("TokenRequests", "string", "tokenRequests indicates the CSI driver needs pods' service account "
                        + "tokens it is mounting volume for to do necessary authentication.", (d, now) -> tokenAudiences(d)),
                TableColumn.of("RequiresRepublish", "boolean", "requiresRepublish indicates the CSI driver wants "
                        + "`NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.",
                        (d, now) -> Boolean.TRUE.equals(spec(d).getRequiresRepublish())),
                TableColumn.of("Modes", "string", "volumeLifecycleModes defines what kind of volumes this CSI volume driver "
                        + "supports.", (d, now) -> spec(d).getVolumeLifecycleModes() == null || spec(d).getVolumeLifecycleModes()
                        .isEmpty() ? "<none>" : String.join(",", spec(d).getVolumeLifecycleModes())),
                StandardColumns.age());
    }

    private static String tokenAudiences(CSIDriver driver) {
        List<TokenRequest> requests = spec(driver).getTokenRequests();
        if (requests == null || requests.isEmpty()) {
            return "<unset>";
        }
        return String.join(",", requests.stream().map(r -> r.getAudience() == null ? "" : r.getAudience()).toList());
    }

    private static CSIDriverSpec spec(CSIDriver driver) {
        return driver.getSpec() == null ? new CSIDriverSpec() : driver.getSpec();
    }
}
