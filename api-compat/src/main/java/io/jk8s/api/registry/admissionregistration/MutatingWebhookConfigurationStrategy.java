package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.TableColumn;
import java.util.List;
import java.util.Objects;

/**
 * MutatingWebhookConfigurations (pkg/registry/admissionregistration/mutatingwebhookconfiguration):
 * as validating ones, plus reinvocationPolicy (default Never); the webhooks are not called yet.
 */
public final class MutatingWebhookConfigurationStrategy implements Strategy<MutatingWebhookConfiguration> {

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean changesGeneration(MutatingWebhookConfiguration config, MutatingWebhookConfiguration old) {
        return !Objects.equals(config.getWebhooks(), old.getWebhooks());
    }

    @Override
    public void applyDefaults(MutatingWebhookConfiguration config) {
        config.setWebhooks(WebhookConfigurations.defaulted(config.getWebhooks(), true, new TypeReference<List<MutatingWebhook>>() {}));
    }

    @Override
    public List<FieldError> validate(MutatingWebhookConfiguration config) {
        return WebhookValidation.validate(WebhookConfigurations.asValidating(config.getWebhooks()), reinvocation(config),
                WebhookValidation.Options.CREATE);
    }

    @Override
    public List<FieldError> validateUpdate(MutatingWebhookConfiguration config, MutatingWebhookConfiguration old) {
        return WebhookValidation.validate(WebhookConfigurations.asValidating(config.getWebhooks()), reinvocation(config),
                WebhookValidation.Options.update(WebhookConfigurations.asValidating(old.getWebhooks())));
    }

    @Override
    public List<TableColumn<MutatingWebhookConfiguration>> tableColumns() {
        return WebhookConfigurations.columns(MutatingWebhookConfiguration::getWebhooks);
    }

    private static List<String> reinvocation(MutatingWebhookConfiguration config) {
        return config.getWebhooks() == null ? List.of()
                : config.getWebhooks().stream().map(MutatingWebhook::getReinvocationPolicy).toList();
    }
}
