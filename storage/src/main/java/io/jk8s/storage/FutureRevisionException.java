package io.jk8s.storage;

/** The requested revision is newer than the current one (kube: "Too large resource version"). */
public class FutureRevisionException extends StorageException {

    private final long requested;
    private final long current;

    public FutureRevisionException(long requested, long current) {
        super("revision " + requested + " is newer than the current revision " + current);
        this.requested = requested;
        this.current = current;
    }

    public long requested() {
        return requested;
    }

    public long current() {
        return current;
    }
}
