package io.jk8s.storage;

/**
 * @param revision the revision to read at; 0 means the current one
 * @param startKey resume a paged list at this key (inclusive); null starts at the prefix
 * @param limit at most this many items; 0 means no limit
 */
public record ListOptions(long revision, String startKey, int limit) {

    public static final ListOptions ALL = new ListOptions(0, null, 0);
}
