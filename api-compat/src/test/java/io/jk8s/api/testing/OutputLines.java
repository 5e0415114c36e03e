package io.jk8s.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Assertions on what kubectl prints, one line per pattern. */
public final class OutputLines {

    private OutputLines() {}

    /** Each line matches its pattern, and there are as many lines as patterns. */
    public static void assertLines(List<String> lines, String... patterns) {
        assertEquals(patterns.length, lines.size(), String.join("\n", lines));
        for (int i = 0; i < patterns.length; i++) {
            assertTrue(lines.get(i).matches(patterns[i]), "line " + i + " '" + lines.get(i) + "' does not match " + patterns[i]
                    + " in\n" + String.join("\n", lines));
        }
    }
}
