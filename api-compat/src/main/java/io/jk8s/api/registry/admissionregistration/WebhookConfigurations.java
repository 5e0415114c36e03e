package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.function.Function;

/** What the validating and mutating webhook configurations' strategies share: their webhooks' JSON, columns. */
final class WebhookConfigurations {

    private WebhookConfigurations() {}

    /** Each webhook defaulted on its JSON, read back as {@code type}. */
    static <W> List<W> defaulted(List<W> hooks, boolean mutating, TypeReference<List<W>> type) {
        if (hooks == null) {
            return null;
        }
        JsonNode tree = ObjectCodec.JSON.valueToTree(hooks);
        tree.forEach(hook -> WebhookDefaults.apply((ObjectNode) hook, mutating));
        return ObjectCodec.JSON.convertValue(tree, type);
    }

    /** A webhook in the validating shape, which holds every field validation reads but reinvocationPolicy. */
    static List<ValidatingWebhook> asValidating(List<?> hooks) {
        return hooks == null ? List.of() : ObjectCodec.JSON.convertValue(hooks, new TypeReference<List<ValidatingWebhook>>() {});
    }

    /** printers.go: NAME, WEBHOOKS, AGE. */
    static <T extends HasMetadata> List<TableColumn<T>> columns(Function<T, List<?>> webhooks) {
        return List.of(StandardColumns.name(),
                TableColumn.of("Webhooks", "integer", "Webhooks indicates the number of webhooks in the configuration",
                        (config, now) -> (long) (webhooks.apply(config) == null ? 0 : webhooks.apply(config).size())),
                StandardColumns.age());
    }
}
