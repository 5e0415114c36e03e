package io.jk8s.api.registry.networking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** apimachinery's IsValidPortNum and IsValidPortName (an IANA service name), with their messages. */
final class Ports {

    private static final Pattern NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*");

    private Ports() {}

    static List<String> checkNumber(int port) {
        return port < 1 || port > 65535 ? List.of("must be between 1 and 65535, inclusive") : List.of();
    }

    static List<String> checkName(String port) {
        List<String> problems = new ArrayList<>();
        if (port.length() > 15) {
            problems.add("must be no more than 15 characters");
        }
        if (!NAME_CHARSET.matcher(port).matches()) {
            problems.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!ONE_LETTER.matcher(port).matches()) {
            problems.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            problems.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
            problems.add("must not begin or end with a hyphen");
        }
        return problems;
    }
}
