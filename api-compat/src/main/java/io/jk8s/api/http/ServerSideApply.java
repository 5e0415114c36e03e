package io.jk8s.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.apply.FieldManager;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.WriteTracker;

/**
 * A PATCH with {@code application/apply-patch+yaml}: the configuration is merged into the current
 * object by {@link FieldManager} inside the store's read-modify-write, so a concurrent write makes
 * it merge again; when the object does not exist the apply creates it (kube's applyPatcher
 * createNewObject), answering 201.
 */
final class ServerSideApply<T extends HasMetadata> {

    record Result<T>(T object, boolean created) {}

    private final ResourceStore<T> store;
    private final FieldManager fields;

    ServerSideApply(ResourceStore<T> store, FieldManager fields) {
        this.store = store;
        this.fields = fields;
    }

    Result<T> apply(String namespace, String name, String subresource, JsonNode config, String manager, boolean force,
                    boolean dryRun) {
        String configName = config.path("metadata").path("name").asText("");
        if (!configName.isEmpty() && !configName.equals(name)) {
            throw StatusErrors.badRequest("the name of the object (" + configName + ") does not match the name on the URL ("
                    + name + ")");
        }
        Class<T> model = store.type().modelClass();
        while (true) {
            try {
                T applied = store.patch(namespace, name, "status".equals(subresource), dryRun, WriteTracker.NONE,
                        current -> RequestObjects.toModel(fields.apply(ObjectCodec.JSON.valueToTree(current), config, manager,
                                subresource, force), model));
                return new Result<>(applied, false);
            } catch (ApiException e) {
                if (!"NotFound".equals(e.reason()) || subresource != null) {
                    throw e;
                }
            }
            ObjectNode created = fields.apply(null, config, manager, null, force);
            created.withObject("metadata").put("name", name);
            try {
                return new Result<>(store.create(namespace, RequestObjects.toModel(created, model), dryRun), true);
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    throw e;
                }
                // created meanwhile: apply to it
            }
        }
    }
}
