package io.jk8s.node.runtime;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a simulated container or exec does with its command: the few shapes Jobs and tests use end at
 * once ({@code echo ...}, {@code true}, {@code false}, {@code env}, {@code sh -c 'exit N'},
 * {@code sh -c 'echo ...'}); anything else runs until it is stopped.
 *
 * @param exitCode null while the program runs until stopped
 */
record SimulatedProgram(String output, Integer exitCode) {

    private static final Pattern EXIT = Pattern.compile("\\s*exit\\s+(\\d+)\\s*;?\\s*");
    private static final Pattern ECHO = Pattern.compile("\\s*echo\\s+([^;&|><`$]*?)\\s*");

    static SimulatedProgram of(List<String> commandLine, Map<String, String> env) {
        if (commandLine.isEmpty()) {
            return new SimulatedProgram("", null);
        }
        String program = commandLine.get(0).substring(commandLine.get(0).lastIndexOf('/') + 1);
        List<String> args = commandLine.subList(1, commandLine.size());
        switch (program) {
            case "echo":
                return new SimulatedProgram(String.join(" ", args) + "\n", 0);
            case "true":
                return new SimulatedProgram("", 0);
            case "false":
                return new SimulatedProgram("", 1);
            case "env":
                StringBuilder lines = new StringBuilder();
                env.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
                return new SimulatedProgram(lines.toString(), 0);
            case "sh", "bash":
                if (args.size() == 2 && args.get(0).equals("-c")) {
                    return script(args.get(1));
                }
                return new SimulatedProgram("", null);
            default:
                return new SimulatedProgram("", null);
        }
    }

    private static SimulatedProgram script(String script) {
        Matcher exit = EXIT.matcher(script);
        if (exit.matches()) {
            return new SimulatedProgram("", Integer.parseInt(exit.group(1)));
        }
        Matcher echo = ECHO.matcher(script);
        if (echo.matches()) {
            return new SimulatedProgram(echo.group(1).replace("'", "").replace("\"", "") + "\n", 0);
        }
        return new SimulatedProgram("", null);
    }
}
