package io.jk8s.api.registry;

import java.util.List;

/**
 * One page of a list.
 *
 * @param revision the revision the list was read at (the list's metadata.resourceVersion)
 * @param continueToken the token for the next page, or null on the last page
 * @param remainingItemCount how many items follow, when known (only without selectors, as upstream)
 */
public record ListPage<T>(List<T> items, long revision, String continueToken, Long remainingItemCount) {}
