package io.jk8s.storage;

/** The key does not exist. */
public class KeyNotFoundException extends StorageException {

    public KeyNotFoundException(String message) {
        super(message);
    }
}
