package io.jk8s.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jk8s} command line: {@code jk8s server ...} runs the all-in-one cluster. */
@Command(
        name = "jk8s",
        mixinStandardHelpOptions = true,
        versionProvider = Jk8sVersion.class,
        description = "A Kubernetes-compatible control plane and node runtime in one JVM.",
        subcommands = {ServerCommand.class, ControllerManagerCommand.class, NodeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (try 'server')");
    }
}
