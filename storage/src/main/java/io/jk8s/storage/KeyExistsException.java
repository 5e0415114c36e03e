package io.jk8s.storage;

/** The key already exists (create). */
public class KeyExistsException extends StorageException {

    public KeyExistsException(String message) {
        super(message);
    }
}
