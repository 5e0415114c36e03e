package io.jk8s.api.registry.admissionregistration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhook configuration rules that the kubectl tests do not reach: resources, service paths, update tolerances. */
class WebhookConfigurationStrategyTest {

    private final ValidatingWebhookConfigurationStrategy validating = new ValidatingWebhookConfigurationStrategy();
    private final MutatingWebhookConfigurationStrategy mutating = new MutatingWebhookConfigurationStrategy();

    @Test
    void resourcesAndServicePathsFollowKubesRules() {
        ValidatingWebhookConfiguration config = validating("""
                {"metadata": {"name": "x"}, "webhooks": [{"name": "a.example.com", "sideEffects": "None",
                  "admissionReviewVersions": ["v1"],
                  "rules": [{"operations": ["*"], "apiGroups": ["*"], "apiVersions": ["*"], "resources": ["*/*", "pods"]},
                            {"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods/*", "pods/log"]}],
                  "clientConfig": {"service": {"namespace": "ns", "name": "svc", "path": "/a//Bad", "port": 0}}}]}
                """);
        validating.applyDefaults(config);
        assertEquals(List.of(
                "webhooks[0].rules[0].resources: Invalid value: []string{\"*/*\", \"pods\"}: if '*/*' is present, must not specify "
                        + "other resources",
                "webhooks[0].rules[1].resources[1]: Invalid value: \"pods/log\": if 'pods/*' is present, must not specify pods/log",
                "webhooks[0].clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
                "webhooks[0].clientConfig.service.path: Invalid value: \"/a//Bad\": segment[1] may not be empty",
                "webhooks[0].clientConfig.service.path: Invalid value: \"/a//Bad\": segment[2]: a lowercase RFC 1123 subdomain must "
                        + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                messages(validating.validate(config)));
    }

    @Test
    void anUpdateToleratesWhatTheStoredConfigurationAlreadyHad() {
        // stored before kube required side-effect-free webhooks
        MutatingWebhookConfiguration old = mutating("""
                {"metadata": {"name": "x"}, "webhooks": [{"name": "a.example.com", "sideEffects": "Some",
                  "admissionReviewVersions": ["v1"], "clientConfig": {"url": "https://hook.example.com"}}]}
                """);
        MutatingWebhookConfiguration updated = mutating("""
                {"metadata": {"name": "x"}, "webhooks": [{"name": "a.example.com", "sideEffects": "Some", "timeoutSeconds": 5,
                  "admissionReviewVersions": ["v1"], "clientConfig": {"url": "https://hook.example.com"}}]}
                """);
        mutating.applyDefaults(updated);
        assertEquals(List.of(), messages(mutating.validateUpdate(updated, old)));
        assertEquals(List.of("webhooks[0].sideEffects: Unsupported value: \"Some\": supported values: \"None\", \"NoneOnDryRun\""),
                messages(mutating.validate(updated)));
        assertEquals("Never", updated.getWebhooks().get(0).getReinvocationPolicy());
    }

    private static ValidatingWebhookConfiguration validating(String json) {
        return ObjectCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), ValidatingWebhookConfiguration.class);
    }

    private static MutatingWebhookConfiguration mutating(String json) {
        return ObjectCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), MutatingWebhookConfiguration.class);
    }

    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::message).toList();
    }
}
