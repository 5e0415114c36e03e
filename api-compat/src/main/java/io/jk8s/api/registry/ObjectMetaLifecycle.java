package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The metadata rules every resource shares, from kube-apiserver's rest.BeforeCreate /
 * rest.BeforeUpdate and ValidateObjectMeta: system fields are set by the server, the namespace
 * comes from the URL, generateName gets a random suffix, and names are validated before the
 * strategy sees the object.
 */
final class ObjectMetaLifecycle {

    /** names.SimpleNameGenerator: 5 characters from an alphabet without vowels or lookalikes. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATED_BASE = 63 - SUFFIX_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectMetaLifecycle() {}

    static <T extends HasMetadata> void beforeCreate(ResourceType<T> type, String namespace, T object, Instant now, WriteTracker tracker) {
        ObjectMeta meta = ensureMetadata(object, type);
        checkNamespace(type, namespace, meta);
        if (isEmpty(meta.getName()) && !isEmpty(meta.getGenerateName())) {
            meta.setName(generateName(meta.getGenerateName()));
        }
        meta.setUid(UUID.randomUUID().toString());
        meta.setCreationTimestamp(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        meta.setResourceVersion(null);
        meta.setDeletionTimestamp(null);
        meta.setDeletionGracePeriodSeconds(null);
        meta.setSelfLink(null);
        meta.setGeneration(type.strategy().tracksGeneration() ? 1L : null);
        if (type.hasStatus() && type.strategy().resetsStatusOnCreate()) {
            ModelFields.resetStatus(object);
        }
        type.strategy().applyDefaults(object);
        // kube's create handler records the writer's fields on the decoded, defaulted object, before
        // admission and the strategy add theirs (a pod's service account, default tolerations and
        // priority; a service's cluster IP), which then belong to no manager
        tracker.track(null, object);
        type.strategy().prepareForCreate(object);
        List<FieldError> errors = new ArrayList<>(validateName(type, meta));
        errors.addAll(LabelValidation.validate(meta));
        errors.addAll(type.strategy().validate(object));
        throwIfInvalid(type, meta, errors);
    }

    /**
     * @param statusUpdate a write through {@code /status}: the caller has already combined the old
     *                     object with the new status, and the main resource's rules do not apply
     * @param part         a write through a subresource with its own rules (null otherwise): the
     *                     caller has already combined the old object with what the subresource writes
     */
    static <T extends HasMetadata> void beforeUpdate(ResourceType<T> type, String namespace, String name, T object, T old,
                                                     boolean statusUpdate, SubresourceUpdate<T> part) {
        ObjectMeta meta = ensureMetadata(object, type);
        checkNamespace(type, namespace, meta);
        if (isEmpty(meta.getName())) {
            meta.setName(name);
        } else if (!meta.getName().equals(name)) {
            throw StatusErrors.badRequest("the name of the object (" + meta.getName()
                    + ") does not match the name on the URL (" + name + ")");
        }
        ObjectMeta previous = old.getMetadata();
        meta.setUid(previous.getUid());
        meta.setCreationTimestamp(previous.getCreationTimestamp());
        meta.setGeneration(previous.getGeneration());
        meta.setDeletionTimestamp(previous.getDeletionTimestamp());
        meta.setDeletionGracePeriodSeconds(previous.getDeletionGracePeriodSeconds());
        meta.setGenerateName(isEmpty(meta.getGenerateName()) ? previous.getGenerateName() : meta.getGenerateName());
        meta.setSelfLink(null);
        List<FieldError> errors = new ArrayList<>();
        if (statusUpdate) {
            type.strategy().prepareForStatusUpdate(object, old);
            errors.addAll(type.strategy().validateStatusUpdate(object, old));
        } else if (part != null) {
            type.strategy().applyDefaults(object);
            errors.addAll(part.validateUpdate(object, old));
        } else {
            if (type.hasStatus()) {
                ModelFields.setStatus(object, ModelFields.status(old));
            }
            type.strategy().applyDefaults(object);
            type.strategy().prepareForUpdate(object, old);
            if (type.strategy().tracksGeneration() && type.strategy().changesGeneration(object, old)) {
                meta.setGeneration(previous.getGeneration() == null ? 1L : previous.getGeneration() + 1);
            }
            errors.addAll(LabelValidation.validate(meta));
            errors.addAll(type.strategy().validateUpdate(object, old));
        }
        throwIfInvalid(type, meta, errors);
        meta.setResourceVersion(null);
    }

    private static <T extends HasMetadata> ObjectMeta ensureMetadata(T object, ResourceType<T> type) {
        // the body's kind/apiVersion may be empty; the URL decides what is stored
        object.setApiVersion(type.apiVersion());
        if (object.getMetadata() == null) {
            object.setMetadata(new ObjectMeta());
        }
        return object.getMetadata();
    }

    private static void checkNamespace(ResourceType<?> type, String namespace, ObjectMeta meta) {
        if (!type.namespaced()) {
            meta.setNamespace(null);
            return;
        }
        if (isEmpty(meta.getNamespace())) {
            meta.setNamespace(namespace);
        } else if (!meta.getNamespace().equals(namespace)) {
            throw StatusErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static List<FieldError> validateName(ResourceType<?> type, ObjectMeta meta) {
        if (isEmpty(meta.getName())) {
            return List.of(FieldError.required("metadata.name", "name or generateName is required"));
        }
        return type.strategy().nameRule().check(meta.getName()).stream()
                .map(problem -> FieldError.invalid("metadata.name", meta.getName(), problem))
                .toList();
    }

    private static void throwIfInvalid(ResourceType<?> type, ObjectMeta meta, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw StatusErrors.invalid(type.group(), type.kind(), meta.getName() == null ? "" : meta.getName(), errors);
        }
    }

    private static String generateName(String base) {
        String prefix = base.length() > MAX_GENERATED_BASE ? base.substring(0, MAX_GENERATED_BASE) : base;
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
