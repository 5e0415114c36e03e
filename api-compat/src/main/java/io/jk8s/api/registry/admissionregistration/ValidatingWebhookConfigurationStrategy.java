package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;

/**
 * ValidatingWebhookConfigurations (pkg/registry/admissionregistration/validatingwebhookconfiguration):
 * stored, defaulted and validated as kube does; the webhooks are not called yet.
 */
public final class ValidatingWebhookConfigurationStrategy
        extends WebhookConfigurationStrategy<ValidatingWebhookConfiguration, ValidatingWebhook> {

    public ValidatingWebhookConfigurationStrategy() {
        super(ValidatingWebhookConfiguration::getWebhooks, ValidatingWebhookConfiguration::setWebhooks, new TypeReference<>() {}, false);
    }
}
