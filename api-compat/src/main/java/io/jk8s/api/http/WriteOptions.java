package io.jk8s.api.http;

import io.jk8s.api.errors.StatusErrors;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The query parameters of create, update, patch and delete (metav1.CreateOptions and friends).
 * {@code fieldManager} is accepted and not yet recorded: managed fields arrive with server-side apply.
 */
record WriteOptions(boolean dryRun, FieldValidation fieldValidation, String fieldManager) {

    static WriteOptions parse(MultiMap query) {
        List<String> dryRun = query.getAll("dryRun");
        for (String value : dryRun) {
            if (!value.equals("All")) {
                throw StatusErrors.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
            }
        }
        return new WriteOptions(!dryRun.isEmpty(), FieldValidation.parse(query.get("fieldValidation")), query.get("fieldManager"));
    }
}
