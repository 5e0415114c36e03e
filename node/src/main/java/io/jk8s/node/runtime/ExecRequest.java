package io.jk8s.node.runtime;

import java.util.List;

/** A command to run in a container, as {@code pods/exec} asks for it. With a TTY, stderr goes to stdout. */
public record ExecRequest(List<String> command, boolean stdin, boolean tty) {

    public ExecRequest {
        command = List.copyOf(command);
    }

    public static ExecRequest of(String... command) {
        return new ExecRequest(List.of(command), false, false);
    }
}
