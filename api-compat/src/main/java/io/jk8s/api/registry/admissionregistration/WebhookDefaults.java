package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * admissionregistration/v1 defaults.go for one webhook, on its JSON (validating and mutating
 * webhooks share all but reinvocationPolicy): failurePolicy Fail, matchPolicy Equivalent, empty
 * namespace and object selectors, a 10 s timeout, rules for all scopes, a service on port 443.
 */
final class WebhookDefaults {

    private WebhookDefaults() {}

    static void apply(ObjectNode hook, boolean mutating) {
        putIfAbsent(hook, "failurePolicy", "Fail");
        putIfAbsent(hook, "matchPolicy", "Equivalent");
        if (!hook.hasNonNull("namespaceSelector")) {
            hook.putObject("namespaceSelector");
        }
        if (!hook.hasNonNull("objectSelector")) {
            hook.putObject("objectSelector");
        }
        if (!hook.hasNonNull("timeoutSeconds")) {
            hook.put("timeoutSeconds", 10);
        }
        if (mutating) {
            putIfAbsent(hook, "reinvocationPolicy", "Never");
        }
        for (JsonNode rule : hook.path("rules")) {
            if (rule instanceof ObjectNode r) {
                putIfAbsent(r, "scope", "*");
            }
        }
        if (hook.path("clientConfig").path("service") instanceof ObjectNode service && !service.hasNonNull("port")) {
            service.put("port", 443);
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }
}
