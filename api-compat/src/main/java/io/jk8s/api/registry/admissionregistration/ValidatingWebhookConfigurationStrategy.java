package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Objects;

/**
 * ValidatingWebhookConfigurations (pkg/registry/admissionregistration/validatingwebhookconfiguration):
 * stored, defaulted and validated as kube does; the webhooks are not called yet.
 */
public final class ValidatingWebhookConfigurationStrategy implements Strategy<ValidatingWebhookConfiguration> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** "Any changes to the spec increment the generation number": the webhooks are the spec. */
    @Override
    public boolean changesGeneration(ValidatingWebhookConfiguration config, ValidatingWebhookConfiguration old) {
        return !Objects.equals(config.getWebhooks(), old.getWebhooks());
    }

    @Override
    public void applyDefaults(ValidatingWebhookConfiguration config) {
        config.setWebhooks(WebhookConfigurations.defaulted(config.getWebhooks(), false, new TypeReference<List<ValidatingWebhook>>() {}));
    }

    @Override
    public List<FieldError> validate(ValidatingWebhookConfiguration config) {
        return WebhookValidation.validate(hooks(config), List.of(), WebhookValidation.Options.CREATE);
    }

    @Override
    public List<FieldError> validateUpdate(ValidatingWebhookConfiguration config, ValidatingWebhookConfiguration old) {
        return WebhookValidation.validate(hooks(config), List.of(), WebhookValidation.Options.update(hooks(old)));
    }

    @Override
    public List<TableColumn<ValidatingWebhookConfiguration>> tableColumns() {
        return WebhookConfigurations.columns(ValidatingWebhookConfiguration::getWebhooks);
    }

    private static List<ValidatingWebhook> hooks(ValidatingWebhookConfiguration config) {
        return config.getWebhooks() == null ? List.of() : config.getWebhooks();
    }
}
