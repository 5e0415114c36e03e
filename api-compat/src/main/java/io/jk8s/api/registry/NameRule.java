package io.jk8s.api.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Object name rules with apimachinery's exact messages (k8s.io/apimachinery/pkg/util/validation),
 * since kubectl shows them verbatim in {@code Invalid} errors.
 */
public enum NameRule {

    DNS1123_LABEL(63, "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
                    + "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
    /** Service names: a DNS label that starts with a letter. */
    DNS1035_LABEL(63, "[a-z]([-a-z0-9]*[a-z0-9])?",
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, "
                    + "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                    + "'[a-z]([-a-z0-9]*[a-z0-9])?')"),
    DNS1123_SUBDOMAIN(253, "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
                    + "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
    /**
     * apimachinery's IsValidPathSegmentName, the only rule RBAC applies to its names (they may hold
     * ':' as in {@code system:masters}): anything that is a single URL path segment.
     */
    PATH_SEGMENT(Integer.MAX_VALUE, "[^/%]*", "") {
        @Override
        public List<String> check(String name) {
            if (name.equals(".") || name.equals("..")) {
                return List.of("may not be '" + name + "'");
            }
            List<String> problems = new ArrayList<>(2);
            for (String illegal : List.of("/", "%")) {
                if (name.contains(illegal)) {
                    problems.add("may not contain '" + illegal + "'");
                }
            }
            return problems;
        }
    };

    private final int maxLength;
    private final Pattern pattern;
    private final String formatMessage;

    NameRule(int maxLength, String regex, String formatMessage) {
        this.maxLength = maxLength;
        this.pattern = Pattern.compile(regex);
        this.formatMessage = formatMessage;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The problems with {@code name}; empty when valid. */
    public List<String> check(String name) {
        List<String> problems = new ArrayList<>(2);
        if (name.length() > maxLength) {
            problems.add("must be no more than " + maxLength + " characters");
        }
        if (!pattern.matcher(name).matches()) {
            problems.add(formatMessage);
        }
        return problems;
    }
}
