package io.jk8s.api.http;

import io.jk8s.api.apply.FieldManager;
import io.jk8s.api.apply.ManagedFieldsTracker;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.openapi.SchemaCatalog;
import io.jk8s.api.patch.PatchType;
import io.jk8s.api.registry.ResourceType;
import io.jk8s.api.registry.WriteTracker;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a write request is, for managedFields: the {@code fieldManager} parameter, or else the
 * product part of the User-Agent (handlers/rest.go managerOrUserAgent: {@code kubectl/v1.32.4 (...)}
 * becomes {@code kubectl}), and the checks kube's ValidatePatchOptions makes.
 */
final class FieldManagers {

    /** validation.FieldManagerMaxLength. */
    private static final int MAX_LENGTH = 128;

    private FieldManagers() {}

    static String name(RoutingContext ctx, WriteOptions options) {
        if (options.fieldManager() != null && !options.fieldManager().isEmpty()) {
            return options.fieldManager();
        }
        String agent = ctx.request().getHeader("User-Agent");
        String product = agent == null ? "" : agent.split("/", 2)[0];
        StringBuilder out = new StringBuilder();
        product.codePoints().filter(c -> !Character.isISOControl(c))
                .forEach(c -> {
                    if (out.length() + Character.charCount(c) <= MAX_LENGTH) {
                        out.appendCodePoint(c);
                    }
                });
        return out.toString();
    }

    /** PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch. */
    static void checkPatchOptions(WriteOptions options, PatchType type) {
        List<FieldError> errors = new ArrayList<>();
        if (type != PatchType.APPLY && options.force() != null) {
            errors.add(FieldError.forbidden("force", "may not be specified for non-apply patch"));
        }
        if (type == PatchType.APPLY && (options.fieldManager() == null || options.fieldManager().isEmpty())) {
            errors.add(FieldError.required("fieldManager", "is required for apply patch"));
        }
        if (options.fieldManager() != null && options.fieldManager().length() > MAX_LENGTH) {
            errors.add(FieldError.invalid("fieldManager", options.fieldManager(), "may not be more than 128 bytes"));
        }
        if (!errors.isEmpty()) {
            throw StatusErrors.invalid("meta.k8s.io", "PatchOptions", "", errors);
        }
    }

    /** @throws io.jk8s.api.errors.ApiException 415 for a kind without a schema, which cannot be applied */
    static FieldManager forType(SchemaCatalog catalog, ResourceType<?> type, Clock clock) {
        Built built = lastBuilt;
        if (built == null || built.catalog() != catalog || built.clock() != clock) {
            built = new Built(catalog, clock, java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>()));
            lastBuilt = built;
        }
        // by row: a custom resource's row (and schema) is replaced when its definition changes
        FieldManager known = built.managers().get(type);
        if (known != null) {
            return known;
        }
        FieldManager made = new FieldManager(catalog, catalog.forKind(type.group(), type.version(), type.kind())
                .orElseThrow(() -> StatusErrors.unsupportedMediaType(
                        "application/json-patch+json, application/merge-patch+json")),
                type.apiVersion(), type.kind(), type.hasStatus(), clock);
        built.managers().put(type, made);
        return made;
    }

    /**
     * The field managers made for one schema catalog: making one resolves the kind's schema and
     * builds its empty object, too much for every write, on the event loop. A new catalog starts over.
     */
    private record Built(SchemaCatalog catalog, Clock clock, Map<ResourceType<?>, FieldManager> managers) {}

    private static volatile Built lastBuilt;

    /**
     * The tracker of a non-apply write, through {@code subresource} (null for the main resource);
     * none for a kind the catalog has no schema for.
     */
    static WriteTracker tracker(RoutingContext ctx, WriteOptions options, SchemaCatalog catalog, ResourceType<?> type,
                                Clock clock, String subresource) {
        if (catalog.forKind(type.group(), type.version(), type.kind()).isEmpty()) {
            return WriteTracker.NONE;
        }
        return new ManagedFieldsTracker(forType(catalog, type, clock), name(ctx, options), subresource);
    }
}
