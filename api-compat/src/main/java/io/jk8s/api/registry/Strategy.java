package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What is special about one resource, in the spirit of kube-apiserver's per-resource
 * {@code strategy.go}: everything else (the REST verbs, storage, watch, metadata bookkeeping) is
 * done once by {@link ResourceStore}. Every method has the common default, so a plain resource
 * needs an empty strategy.
 */
public interface Strategy<T extends HasMetadata> {

    /** The rule for {@code metadata.name}; most kinds use DNS-1123 subdomains. */
    default NameRule nameRule() {
        return NameRule.DNS1123_SUBDOMAIN;
    }

    /** Whether the kind tracks {@code metadata.generation} (kinds with a spec do). */
    default boolean tracksGeneration() {
        return false;
    }

    /**
     * Whether an update moves {@code metadata.generation} (when {@link #tracksGeneration}): by default
     * when the spec changed.
     */
    default boolean changesGeneration(T object, T old) {
        return ModelFields.specChanged(object, old);
    }

    /**
     * kube's defaulting (pkg/apis/<group>/v1/defaults.go), which upstream runs on every decoded
     * body: called before both {@link #prepareForCreate} and {@link #prepareForUpdate}.
     */
    default void applyDefaults(T object) {}

    /** Clearing of server-owned fields (and admission's additions) before a create is validated. */
    default void prepareForCreate(T object) {}

    /**
     * Defaulting and carrying over of server-owned fields before an update is validated. For kinds
     * with a status subresource the store has already put the old status back.
     */
    default void prepareForUpdate(T object, T old) {}

    /** For a write through {@code /status}: {@code object} is the old object carrying the new status. */
    default void prepareForStatusUpdate(T object, T old) {}

    /** Whether a create starts from an empty status (most kinds; a kubelet registers a node with its status). */
    default boolean resetsStatusOnCreate() {
        return true;
    }

    /**
     * Called once the registry exists, for strategies that need other resources (a service's
     * cluster IP allocation looks at the existing services).
     */
    default void attach(Registry registry) {}

    /**
     * Called after a create, update or delete of {@code object} reached storage, before the request
     * is answered (kube's AfterCreate/AfterUpdate/AfterDelete): what must hold by the time the
     * client sees the write (a new CustomResourceDefinition is served).
     */
    default void afterWrite(T object) {}

    /** Kind-specific validation; name and metadata rules are checked by the generic store. */
    default List<FieldError> validate(T object) {
        return List.of();
    }

    default List<FieldError> validateUpdate(T object, T old) {
        return validate(object);
    }

    /** Validation of a write through {@code /status} (the status strategies' ValidateUpdate). */
    default List<FieldError> validateStatusUpdate(T object, T old) {
        return List.of();
    }

    /**
     * The grace period of a DELETE (rest.RESTGracefulDeleteStrategy): 0 removes the object at once,
     * more only marks it with deletionTimestamp. Only pods wait; {@code requested} is the client's
     * DeleteOptions.gracePeriodSeconds, or null.
     */
    default long deletionGracePeriod(T object, Long requested) {
        return 0;
    }

    /**
     * Kind-specific finalizers that hold a deletion besides {@code metadata.finalizers} (a
     * namespace's {@code spec.finalizers}): while any remain, a DELETE only marks the object.
     */
    default boolean holdsDeletion(T object) {
        return false;
    }

    /** Admission for a DELETE of an existing object; may refuse it with an ApiException. */
    default void admitDelete(T object) {}

    /**
     * Whether the first DELETE only marks the object (deletionTimestamp) even when nothing holds
     * it, so that a second DELETE or the last finalizer's removal deletes it (namespaces do this).
     */
    default boolean marksOnFirstDelete() {
        return false;
    }

    /** Called when a DELETE first marks the object with a deletionTimestamp (a namespace turns Terminating). */
    default void prepareForDeletion(T object) {}

    /**
     * Called for a DELETE of an object already marked for deletion; may refuse it with an
     * ApiException (kube answers 409 for a namespace whose content is still being removed).
     */
    default void checkRepeatedDelete(T object) {}

    /**
     * Whether DELETE answers with the deleted object (kube's ReturnDeletedObject) rather than a
     * {@code Status} of {@code Success}.
     */
    default boolean returnDeletedObject() {
        return false;
    }

    /**
     * For a kind the schema catalog does not know (a custom resource): removes from a request's
     * object the fields its own schema does not declare and answers their paths ({@code spec.foo});
     * empty to let the catalog's schema decide.
     */
    default java.util.Optional<List<String>> pruneUndeclared(com.fasterxml.jackson.databind.node.ObjectNode object) {
        return java.util.Optional.empty();
    }

    /**
     * For a kind whose model class says nothing of its shape (a custom resource): the schemas of its
     * objects, the kind's own first, which the schema catalog answers beside the built-in ones (for
     * managedFields and server-side apply).
     */
    default List<io.jk8s.api.openapi.TypeSchema> schemas() {
        return List.of();
    }

    /**
     * The kind's OpenAPI definition when no model class describes it (a custom resource's version);
     * empty for the built-in kinds, whose schemas the catalog reflects from their model classes.
     */
    default java.util.Optional<io.jk8s.api.openapi.PublishedSchema> publishedSchema() {
        return java.util.Optional.empty();
    }

    /** Whether PATCH takes strategic merge patches (kube serves them only for its compiled-in kinds). */
    default boolean servesStrategicMergePatch() {
        return true;
    }

    /**
     * A subresource that writes one part of the object by its own rules (pods/ephemeralcontainers,
     * certificatesigningrequests/approval), by its name; empty for the others.
     */
    default java.util.Optional<SubresourceUpdate<T>> subresourceUpdate(String subresource) {
        return java.util.Optional.empty();
    }

    /** Where the scale subresource (when the resource has one) finds and writes the replicas. */
    default ScaleSubresource.Paths scalePaths() {
        return ScaleSubresource.Paths.REPLICAS;
    }

    /** Server-side printing columns (printers.go); empty means kube's default Name / Created At. */
    default List<TableColumn<T>> tableColumns() {
        return List.of();
    }

    /** Field selector labels beyond {@code metadata.name} and {@code metadata.namespace}. */
    default Map<String, Function<T, String>> fieldLabels() {
        return Map.of();
    }
}
