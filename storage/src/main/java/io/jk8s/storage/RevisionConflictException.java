package io.jk8s.storage;

/** The key's mod revision is not the expected one. */
public class RevisionConflictException extends StorageException {

    public RevisionConflictException(String message) {
        super(message);
    }
}
