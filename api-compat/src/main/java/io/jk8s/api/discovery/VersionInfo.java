package io.jk8s.api.discovery;

import java.util.Locale;

/**
 * {@code GET /version} (k8s.io/apimachinery/pkg/version.Info). jk8s reports the Kubernetes
 * version whose API it serves, so clients pick the right feature set; the suffix says who it is.
 */
public record VersionInfo(String major, String minor, String gitVersion, String gitCommit, String gitTreeState,
                          String buildDate, String goVersion, String compiler, String platform) {

    public static final String KUBERNETES_MAJOR = "1";
    public static final String KUBERNETES_MINOR = "32";
    public static final String GIT_VERSION = "v1.32.4-jk8s";

    public static VersionInfo current() {
        Package pkg = VersionInfo.class.getPackage();
        String commit = pkg.getImplementationVersion() == null ? "unknown" : pkg.getImplementationVersion();
        return new VersionInfo(KUBERNETES_MAJOR, KUBERNETES_MINOR, GIT_VERSION, commit, "clean",
                "1970-01-01T00:00:00Z", "java" + Runtime.version().feature(), "gc", "linux/" + arch());
    }

    /** Go's GOARCH names, which clients compare against. */
    private static String arch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }
}
