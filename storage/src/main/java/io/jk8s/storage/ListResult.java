package io.jk8s.storage;

import java.util.List;

/**
 * @param items the values, in key order
 * @param revision the revision the list was read at (reuse it for the next page)
 * @param more whether keys remain after the last item
 * @param remaining how many keys remain after the last item at that revision
 */
public record ListResult(List<KeyValue> items, long revision, boolean more, long remaining) {}
