package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.Strategy;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CustomResourceDefinitions (apiextensions-apiserver pkg/registry/customresourcedefinition
 * strategy.go), cluster-scoped with a status. What kube's naming and establishing controllers do a
 * moment after a write (accept the names, mark the definition Established) is done here as the
 * definition is stored: with one API server there is nobody to conflict with but the stored
 * definitions, and {@link CustomResourceServing} serves a definition as soon as it is stored.
 */
public final class CustomResourceDefinitionStrategy implements Strategy<CustomResourceDefinition> {

    /** apiextensions.CustomResourceCleanupFinalizer: held until every custom resource of the definition is gone. */
    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
    static final String ESTABLISHED = "Established";
    static final String NAMES_ACCEPTED = "NamesAccepted";
    static final String TERMINATING = "Terminating";

    private final Clock clock;
    private volatile CustomResourceServing serving;
    /** The stored definitions, whose accepted names a definition's own may not take. */
    private volatile java.util.function.Supplier<List<CustomResourceDefinition>> stored = List::of;

    public CustomResourceDefinitionStrategy() {
        this(Clock.systemUTC());
    }

    CustomResourceDefinitionStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** Starts serving the stored definitions' custom resources (and removing those of deleted definitions). */
    @Override
    @SuppressWarnings("unchecked")
    public void attach(Registry registry) {
        ResourceType<CustomResourceDefinition> type = (ResourceType<CustomResourceDefinition>) registry.table()
                .find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
        stored = () -> registry.listerFor(type).list();
        CustomResourceServing started = new CustomResourceServing(registry, registry.storeFor(type), this::now);
        started.start();
        serving = started;
    }

    /** A definition's resources are served (or no longer) by the time its write is answered. */
    @Override
    public void afterWrite(CustomResourceDefinition crd) {
        CustomResourceServing current = serving;
        if (current != null) {
            current.afterWrite();
        }
    }

    /** apiextensions v1 SetDefaults_CustomResourceDefinition(Spec). */
    @Override
    public void applyDefaults(CustomResourceDefinition crd) {
        CustomResourceDefinitionSpec spec = spec(crd);
        CustomResourceDefinitionNames names = spec.getNames();
        if (names != null && names.getKind() != null && !names.getKind().isEmpty()) {
            if (isEmpty(names.getSingular())) {
                names.setSingular(names.getKind().toLowerCase(Locale.ROOT));
            }
            if (isEmpty(names.getListKind())) {
                names.setListKind(names.getKind() + "List");
            }
        }
        if (spec.getConversion() == null) {
            spec.setConversion(new CustomResourceConversion("None", null));
        } else if (isEmpty(spec.getConversion().getStrategy())) {
            spec.getConversion().setStrategy("None");
        }
    }

    /**
     * PrepareForCreate starts from an empty status that records the storage version; the naming
     * controller then accepts the names no other definition of the group holds and the
     * establishing controller marks the definition Established, with their reasons and messages.
     */
    @Override
    public void prepareForCreate(CustomResourceDefinition crd) {
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        storageVersion(crd).ifPresent(v -> status.getStoredVersions().add(v));
        crd.setStatus(status);
        NamingConditions.apply(crd, stored.get(), now());
    }

    /** PrepareForUpdate records a new storage version; the naming controller accepts changed names that are free. */
    @Override
    public void prepareForUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        if (crd.getStatus() == null) {
            crd.setStatus(new CustomResourceDefinitionStatus());
        }
        List<String> storedVersions = crd.getStatus().getStoredVersions();
        storageVersion(crd).filter(v -> !storedVersions.contains(v)).ifPresent(storedVersions::add);
        NamingConditions.apply(crd, stored.get(), now());
    }

    @Override
    public List<FieldError> validate(CustomResourceDefinition crd) {
        return CustomResourceDefinitionValidation.validate(crd);
    }

    @Override
    public List<FieldError> validateUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        return CustomResourceDefinitionValidation.validateUpdate(crd, old, isTrue(old, ESTABLISHED));
    }

    /** A DELETE first marks the definition, so its custom resources can be removed (etcd.go REST.Delete). */
    @Override
    public boolean marksOnFirstDelete() {
        return true;
    }

    @Override
    public void prepareForDeletion(CustomResourceDefinition crd) {
        List<String> finalizers = new ArrayList<>(crd.getMetadata().getFinalizers() == null ? List.of()
                : crd.getMetadata().getFinalizers());
        if (!finalizers.contains(CLEANUP_FINALIZER)) {
            finalizers.add(CLEANUP_FINALIZER);
        }
        crd.getMetadata().setFinalizers(finalizers);
        setCondition(crd, new CustomResourceDefinitionCondition(now(), "CustomResourceDefinition marked for deletion; "
                + "instance deletion pending", null, "InstanceDeletionPending", "True", TERMINATING));
    }

    /** SetCRDCondition: replaces the condition of the same type, keeping its transition time when the status stays. */
    static void setCondition(CustomResourceDefinition crd, CustomResourceDefinitionCondition condition) {
        List<CustomResourceDefinitionCondition> conditions = crd.getStatus().getConditions();
        for (int i = 0; i < conditions.size(); i++) {
            CustomResourceDefinitionCondition existing = conditions.get(i);
            if (existing.getType().equals(condition.getType())) {
                if (existing.getStatus().equals(condition.getStatus())) {
                    condition.setLastTransitionTime(existing.getLastTransitionTime());
                }
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }

    static boolean isTrue(CustomResourceDefinition crd, String type) {
        return crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The one version marked {@code storage}, if exactly one is. */
    static java.util.Optional<String> storageVersion(CustomResourceDefinition crd) {
        List<CustomResourceDefinitionVersion> storage = spec(crd).getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getStorage())).toList();
        return storage.size() == 1 ? java.util.Optional.ofNullable(storage.get(0).getName()) : java.util.Optional.empty();
    }

    static CustomResourceDefinitionSpec spec(CustomResourceDefinition crd) {
        if (crd.getSpec() == null) {
            crd.setSpec(new CustomResourceDefinitionSpec());
        }
        return crd.getSpec();
    }

    String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
