package io.jk8s.server;

import picocli.CommandLine;

/** Reports the Kubernetes version jk8s is compatible with, as {@code /version} does. */
final class Jk8sVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String own = Main.class.getPackage().getImplementationVersion();
        return new String[] {"jk8s " + (own == null ? "dev" : own) + " (Kubernetes v1.32 API)"};
    }
}
