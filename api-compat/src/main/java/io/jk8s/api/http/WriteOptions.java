package io.jk8s.api.http;

import io.jk8s.api.errors.StatusErrors;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The query parameters of create, update, patch and delete (metav1.CreateOptions and friends).
 * {@code fieldManager} names the writer in managedFields; {@code force} (apply only) takes fields
 * from other managers; null when the request does not set it.
 */
record WriteOptions(boolean dryRun, FieldValidation fieldValidation, String fieldManager, Boolean force) {

    static WriteOptions parse(MultiMap query) {
        List<String> dryRun = query.getAll("dryRun");
        for (String value : dryRun) {
            if (!value.equals("All")) {
                throw StatusErrors.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
            }
        }
        String force = query.get("force");
        return new WriteOptions(!dryRun.isEmpty(), FieldValidation.parse(query.get("fieldValidation")), query.get("fieldManager"),
                force == null ? null : ResourceHandler.isTrue(force));
    }
}
