package io.jk8s.api.registry.admissionregistration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;

/**
 * MutatingWebhookConfigurations (pkg/registry/admissionregistration/mutatingwebhookconfiguration):
 * as validating ones, plus reinvocationPolicy (default Never); the webhooks are not called yet.
 */
public final class MutatingWebhookConfigurationStrategy extends WebhookConfigurationStrategy<MutatingWebhookConfiguration, MutatingWebhook> {

    public MutatingWebhookConfigurationStrategy() {
        super(MutatingWebhookConfiguration::getWebhooks, MutatingWebhookConfiguration::setWebhooks, new TypeReference<>() {}, true);
    }
}
