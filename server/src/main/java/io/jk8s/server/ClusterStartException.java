package io.jk8s.server;

/** The cluster could not start for a reason the user can act on (port taken, data dir locked). */
final class ClusterStartException extends Exception {

    ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
