package io.jk8s.api.registry.networking;

import io.jk8s.api.registry.NameRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Host names of ingress rules and TLS entries: DNS-1123 subdomains, or wildcards such as
 * {@code *.example.com} (apimachinery's IsWildcardDNS1123Subdomain, with its exact message).
 */
final class HostNames {

    private static final String WILDCARD_FORMAT = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FORMAT);
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private HostNames() {}

    /** The problems with a host name, wildcard or not; empty when valid. */
    static List<String> check(String host) {
        if (!host.contains("*")) {
            return NameRule.DNS1123_SUBDOMAIN.check(host);
        }
        List<String> problems = new ArrayList<>(2);
        if (host.length() > NameRule.DNS1123_SUBDOMAIN.maxLength()) {
            problems.add("must be no more than " + NameRule.DNS1123_SUBDOMAIN.maxLength() + " characters");
        }
        if (!WILDCARD.matcher(host).matches()) {
            problems.add("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
                    + "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character "
                    + "(e.g. '*.example.com', regex used for validation is '" + WILDCARD_FORMAT + "')");
        }
        return problems;
    }

    /** netutils.ParseIPSloppy(host) != nil, without a name lookup. */
    static boolean isIp(String host) {
        var v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(v4.group(group)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(host).matches() && (host.contains("::") || host.chars().filter(c -> c == ':').count() == 7);
    }
}
