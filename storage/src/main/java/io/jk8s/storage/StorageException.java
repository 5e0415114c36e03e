package io.jk8s.storage;

/** The base of storage errors; each subclass maps to one Kubernetes status. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
