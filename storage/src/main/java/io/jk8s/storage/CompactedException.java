package io.jk8s.storage;

/** The requested revision is older than the compacted revision (kube: 410 Expired / Gone). */
public class CompactedException extends StorageException {

    private final long requested;
    private final long compacted;

    public CompactedException(long requested, long compacted) {
        super("revision " + requested + " has been compacted (oldest retained: " + compacted + ")");
        this.requested = requested;
        this.compacted = compacted;
    }

    public long requested() {
        return requested;
    }

    public long compacted() {
        return compacted;
    }
}
