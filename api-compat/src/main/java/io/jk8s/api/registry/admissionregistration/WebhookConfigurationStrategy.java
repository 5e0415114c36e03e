package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the validating and mutating webhook configurations' strategies share
 * (pkg/registry/admissionregistration/*webhookconfiguration/strategy.go): the webhooks are the spec
 * (generation), defaulted on their JSON and validated in the validating shape, which holds every
 * field but the mutating-only reinvocationPolicy (kept aside as an additional property).
 */
abstract class WebhookConfigurationStrategy<T extends HasMetadata, W> implements Strategy<T> {

    private static final TypeReference<List<ValidatingWebhook>> VALIDATING = new TypeReference<>() {};

    private final Function<T, List<W>> webhooks;
    private final BiConsumer<T, List<W>> setWebhooks;
    private final TypeReference<List<W>> type;
    private final boolean mutating;

    WebhookConfigurationStrategy(Function<T, List<W>> webhooks, BiConsumer<T, List<W>> setWebhooks, TypeReference<List<W>> type,
            boolean mutating) {
        this.webhooks = webhooks;
        this.setWebhooks = setWebhooks;
        this.type = type;
        this.mutating = mutating;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** "Any changes to the spec increment the generation number": the webhooks are the spec. */
    @Override
    public boolean changesGeneration(T config, T old) {
        return !Objects.equals(webhooks.apply(config), webhooks.apply(old));
    }

    @Override
    public void applyDefaults(T config) {
        if (webhooks.apply(config) != null) {
            JsonNode tree = ObjectCodec.JSON.valueToTree(webhooks.apply(config));
            tree.forEach(hook -> WebhookDefaults.apply((ObjectNode) hook, mutating));
            setWebhooks.accept(config, ObjectCodec.JSON.convertValue(tree, type));
        }
    }

    @Override
    public List<FieldError> validate(T config) {
        return WebhookValidation.validate(validating(config), mutating, WebhookValidation.Options.CREATE);
    }

    @Override
    public List<FieldError> validateUpdate(T config, T old) {
        return WebhookValidation.validate(validating(config), mutating, WebhookValidation.Options.update(validating(old)));
    }

    /** printers.go: NAME, WEBHOOKS, AGE. */
    @Override
    public List<TableColumn<T>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Webhooks", "integer", "Webhooks indicates the number of webhooks in the configuration",
                        (config, now) -> (long) (webhooks.apply(config) == null ? 0 : webhooks.apply(config).size())),
                StandardColumns.age());
    }

    private List<ValidatingWebhook> validating(T config) {
        List<W> hooks = webhooks.apply(config);
        return hooks == null ? List.of() : ObjectCodec.JSON.convertValue(hooks, VALIDATING);
    }
}
