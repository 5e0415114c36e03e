package io.jk8s.node.kubelet;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} expansion (third_party/forked/golang/expansion): a reference to a
 * defined variable is replaced, {@code $$} is an escaped {@code $}, and anything else, including a
 * reference to an undefined variable, stays as written.
 */
final class VariableExpansion {

    private VariableExpansion() {}

    static String expand(String input, Map<String, String> vars) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < input.length()) {
            char ch = input.charAt(i);
            if (ch != '$' || i + 1 >= input.length()) {
                out.append(ch);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(input, i, input.length());
                    break;
                }
                String name = input.substring(i + 2, close);
                String value = vars.get(name);
                out.append(value != null ? value : input.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(ch).append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
