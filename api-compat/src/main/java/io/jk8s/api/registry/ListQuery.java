package io.jk8s.api.registry;

/**
 * The list options of a request, as the client sent them (k8s.io/apimachinery ListOptions).
 *
 * @param limit at most this many items; 0 for all
 * @param continueToken the opaque token of a previous page, or null
 * @param resourceVersion null/"" for the latest consistent read, "0" for any, or a revision
 * @param resourceVersionMatch null, "Exact" or "NotOlderThan"
 */
public record ListQuery(String labelSelector, String fieldSelector, long limit, String continueToken,
                        String resourceVersion, String resourceVersionMatch) {

    public static final ListQuery ALL = new ListQuery(null, null, 0, null, null, null);
}
