package io.jk8s.api.errors;

import io.fabric8.kubernetes.api.model.Status;

/**
 * An error with a Kubernetes reason. The HTTP layer writes {@link #status()} as the response body
 * and its {@code code} as the HTTP status, so every error reaches clients as a {@code Status}.
 * Create them through {@link StatusErrors}.
 */
public final class ApiException extends RuntimeException {

    private final transient Status status;

    ApiException(Status status) {
        super(status.getMessage(), null, false, false);
        this.status = status;
    }

    ApiException(Status status, Throwable cause) {
        super(status.getMessage(), cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.getCode();
    }

    public String reason() {
        return status.getReason();
    }
}
