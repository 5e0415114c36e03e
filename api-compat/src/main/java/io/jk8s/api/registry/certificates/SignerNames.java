package io.jk8s.api.registry.certificates;

import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import java.util.ArrayList;
import java.util.List;

/**
 * ValidateSignerName (pkg/apis/core/validation): {@code <domain>/<path>}, the domain at least two
 * DNS labels, the path dot-separated DNS subdomains, so that {@code <fqdn>/<namespace>.<name>} fits.
 */
final class SignerNames {

    private static final int MAX_DOMAIN = 253;
    private static final int MAX_PATH = 253 + 63 + 1;

    private SignerNames() {}

    static List<FieldError> validate(String field, String signerName) {
        List<FieldError> errors = new ArrayList<>();
        if (signerName == null || signerName.isEmpty()) {
            errors.add(FieldError.required(field, ""));
            return errors;
        }
        String[] segments = signerName.split("/", -1);
        if (segments.length != 2) {
            errors.add(FieldError.invalid(field, signerName,
                    "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
            return errors;
        }
        String domain = segments[0];
        if (domain.length() > MAX_DOMAIN) {
            errors.add(FieldError.tooLong(field, MAX_DOMAIN));
        }
        String[] domainLabels = domain.split("\\.", -1);
        // one bad label is reported, the others would only repeat it
        firstBadLabel(field, domain, domainLabels, NameRule.DNS1123_LABEL, errors);
        if (domainLabels.length < 2) {
            errors.add(FieldError.invalid(field, domain, "should be a domain with at least two segments separated by dots"));
        }
        firstBadLabel(field, segments[1], segments[1].split("\\.", -1), NameRule.DNS1123_SUBDOMAIN, errors);
        if (signerName.length() > MAX_DOMAIN + MAX_PATH + 1) {
            errors.add(FieldError.tooLong(field, MAX_DOMAIN + MAX_PATH + 1));
        }
        return errors;
    }

    private static void firstBadLabel(String field, String segment, String[] labels, NameRule rule, List<FieldError> errors) {
        for (String label : labels) {
            List<String> problems = rule.check(label);
            if (!problems.isEmpty()) {
                problems.forEach(p -> errors.add(FieldError.invalid(field, segment, "validating label \"" + label + "\": " + p)));
                return;
            }
        }
    }
}
