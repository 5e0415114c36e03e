package io.jk8s.api.registry.admissionregistration;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * pkg/apis/admissionregistration/validation for the webhook fields validating and mutating
 * webhooks share (a mutating webhook is checked in its validating shape; reinvocationPolicy by its
 * strategy). The tolerances an update gets for what the stored configuration already had are the
 * {@link Options}. matchConditions' CEL expressions are not compiled: webhooks are not called yet.
 */
final class WebhookValidation {

    private static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    private static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
    private static final List<String> NO_SIDE_EFFECTS = List.of("None", "NoneOnDryRun");
    private static final List<String> ALL_SIDE_EFFECTS = List.of("None", "NoneOnDryRun", "Some", "Unknown");
    private static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    private static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");
    private static final List<String> REINVOCATION_POLICIES = List.of("IfNeeded", "Never");
    private static final List<String> REVIEW_VERSIONS = List.of("v1", "v1beta1");
    private static final String URL_FORM = "; desired format: https://host[/path]";

    /** validationOptions: what a create requires, and what an update only requires when the stored webhooks met it. */
    record Options(boolean requireNoSideEffects, boolean requireRecognizedReviewVersion, boolean requireUniqueNames) {

        static final Options CREATE = new Options(true, true, true);

        static Options update(List<ValidatingWebhook> old) {
            Set<String> names = new HashSet<>();
            return new Options(
                    old.stream().allMatch(h -> h.getSideEffects() != null && NO_SIDE_EFFECTS.contains(h.getSideEffects())),
                    old.stream().allMatch(h -> versions(h).isEmpty() || versions(h).stream().anyMatch(REVIEW_VERSIONS::contains)),
                    old.stream().allMatch(h -> names.add(h.getName())));
        }
    }

    private WebhookValidation() {}

    /**
     * @param mutating whether these are mutating webhooks (in the validating shape), whose
     *                 reinvocationPolicy kube checks after the selectors
     */
    static List<FieldError> validate(List<ValidatingWebhook> hooks, boolean mutating, Options opts) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < hooks.size(); i++) {
            ValidatingWebhook hook = hooks.get(i);
            String at = "webhooks[" + i + "]";
            Object reinvocation = mutating ? hook.getAdditionalProperties().get("reinvocationPolicy") : null;
            errors.addAll(validateHook(hook, reinvocation == null ? null : reinvocation.toString(), opts, at));
            errors.addAll(reviewVersions(versions(hook), opts.requireRecognizedReviewVersion(), at + ".admissionReviewVersions"));
            String name = hook.getName();
            if (opts.requireUniqueNames() && name != null && !name.isEmpty() && !names.add(name)) {
                errors.add(FieldError.duplicate(at + ".name", name));
            }
        }
        return errors;
    }

    private static List<FieldError> validateHook(ValidatingWebhook hook, String reinvocationPolicy, Options opts, String at) {
        List<FieldError> errors = new ArrayList<>(fullyQualifiedName(at + ".name", hook.getName()));
        List<RuleWithOperations> rules = hook.getRules() == null ? List.of() : hook.getRules();
        for (int i = 0; i < rules.size(); i++) {
            errors.addAll(WebhookRules.validate(rules.get(i), at + ".rules[" + i + "]"));
        }
        notSupported(errors, at + ".failurePolicy", hook.getFailurePolicy(), FAILURE_POLICIES);
        notSupported(errors, at + ".matchPolicy", hook.getMatchPolicy(), MATCH_POLICIES);
        List<String> sideEffects = opts.requireNoSideEffects() ? NO_SIDE_EFFECTS : ALL_SIDE_EFFECTS;
        if (hook.getSideEffects() == null) {
            errors.add(FieldError.required(at + ".sideEffects", "must specify one of " + String.join(", ", sideEffects)));
        } else {
            notSupported(errors, at + ".sideEffects", hook.getSideEffects(), sideEffects);
        }
        Integer timeout = hook.getTimeoutSeconds();
        if (timeout != null && (timeout > 30 || timeout < 1)) {
            errors.add(FieldError.invalid(at + ".timeoutSeconds", timeout, "the timeout value must be between 1 and 30 seconds"));
        }
        errors.addAll(SelectorValidation.validate(hook.getNamespaceSelector(), at + ".namespaceSelector"));
        errors.addAll(SelectorValidation.validate(hook.getObjectSelector(), at + ".objectSelector"));
        notSupported(errors, at + ".reinvocationPolicy", reinvocationPolicy, REINVOCATION_POLICIES);
        errors.addAll(clientConfig(hook.getClientConfig(), at + ".clientConfig"));
        return errors;
    }

    static void notSupported(List<FieldError> errors, String field, String value, List<String> supported) {
        if (value != null && !supported.contains(value)) {
            errors.add(FieldError.notSupported(field, value, supported));
        }
    }

    /** utilvalidation.IsFullyQualifiedName. */
    private static List<FieldError> fullyQualifiedName(String field, String name) {
        if (name == null || name.isEmpty()) {
            return List.of(FieldError.required(field, ""));
        }
        List<String> problems = NameRule.DNS1123_SUBDOMAIN.check(name);
        if (!problems.isEmpty()) {
            return List.of(FieldError.invalid(field, name, String.join(",", problems)));
        }
        if (name.split("\\.", -1).length < 3) {
            return List.of(FieldError.invalid(field, name, "should be a domain with at least three segments separated by dots"));
        }
        return List.of();
    }

    private static List<FieldError> reviewVersions(List<String> versions, boolean requireRecognized, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (versions.isEmpty()) {
            errors.add(FieldError.required(field, "must specify one of " + String.join(", ", REVIEW_VERSIONS)));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        boolean recognized = false;
        for (int i = 0; i < versions.size(); i++) {
            String v = versions.get(i);
            if (!seen.add(v)) {
                errors.add(FieldError.invalid(field + "[" + i + "]", v, "duplicate version"));
                continue;
            }
            String index = field + "[" + i + "]";
            NameRule.DNS1035_LABEL.check(v).forEach(p -> errors.add(FieldError.invalid(index, v, p)));
            recognized |= REVIEW_VERSIONS.contains(v);
        }
        if (requireRecognized && !recognized) {
            errors.add(FieldError.invalidRaw(field, "[]string{" + String.join(", ", versions.stream().map(v -> "\"" + v + "\"").toList())
                    + "}", "must include at least one of " + String.join(", ", REVIEW_VERSIONS)));
        }
        return errors;
    }

    /** Exactly one of url (ValidateWebhookURL, https only) or service (ValidateWebhookService). */
    private static List<FieldError> clientConfig(WebhookClientConfig config, String field) {
        WebhookClientConfig cc = config == null ? new WebhookClientConfig() : config;
        if ((cc.getUrl() == null) == (cc.getService() == null)) {
            return List.of(FieldError.required(field, "exactly one of url or service is required"));
        }
        return cc.getUrl() != null ? url(field + ".url", cc.getUrl()) : service(field + ".service", cc.getService());
    }

    private static List<FieldError> url(String field, String url) {
        List<FieldError> errors = new ArrayList<>();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(FieldError.required(field, "url must be a valid URL: " + e.getMessage() + URL_FORM));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https")) {
            errors.add(FieldError.invalid(field, scheme, "'https' is the only allowed URL scheme" + URL_FORM));
        }
        String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
        if (host.isEmpty()) {
            errors.add(FieldError.invalid(field, host, "host must be specified" + URL_FORM));
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(FieldError.invalid(field, uri.getRawUserInfo(), "user information is not permitted in the URL"));
        }
        if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
            errors.add(FieldError.invalid(field, uri.getRawFragment(), "fragments are not permitted in the URL"));
        }
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            errors.add(FieldError.invalid(field, uri.getRawQuery(), "query parameters are not permitted in the URL"));
        }
        return errors;
    }

    private static List<FieldError> service(String field, ServiceReference service) {
        List<FieldError> errors = new ArrayList<>();
        if (service.getName() == null || service.getName().isEmpty()) {
            errors.add(FieldError.required(field + ".name", "service name is required"));
        }
        if (service.getNamespace() == null || service.getNamespace().isEmpty()) {
            errors.add(FieldError.required(field + ".namespace", "service namespace is required"));
        }
        int port = service.getPort() == null ? 0 : service.getPort();
        if (port < 1 || port > 65535) {
            errors.add(FieldError.invalid(field + ".port", port, "port is not valid: must be between 1 and 65535, inclusive"));
        }
        String path = service.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return errors;
        }
        if (path.equals("//")) {
            errors.add(FieldError.invalid(field + ".path", path, "segment[0] may not be empty"));
            return errors;
        }
        if (!path.startsWith("/")) {
            errors.add(FieldError.invalid(field + ".path", path, "must start with a '/'"));
        }
        String check = path.substring(1);
        if (check.endsWith("/")) {
            check = check.substring(0, check.length() - 1);
        }
        String[] steps = check.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].isEmpty()) {
                errors.add(FieldError.invalid(field + ".path", path, "segment[" + i + "] may not be empty"));
                continue;
            }
            int index = i;
            NameRule.DNS1123_SUBDOMAIN.check(steps[i])
                    .forEach(p -> errors.add(FieldError.invalid(field + ".path", path, "segment[" + index + "]: " + p)));
        }
        return errors;
    }

    private static List<String> versions(ValidatingWebhook hook) {
        return hook.getAdmissionReviewVersions() == null ? List.of() : hook.getAdmissionReviewVersions();
    }

    static List<String> operations() {
        return OPERATIONS;
    }

    static List<String> scopes() {
        return SCOPES;
    }
}
