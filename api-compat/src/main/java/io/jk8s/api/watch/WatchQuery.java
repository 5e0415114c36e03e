package io.jk8s.api.watch;

/**
 * The options of a watch request.
 *
 * @param resourceVersion "" or "0" to start with the current state (ADDED events), or a revision to resume after
 * @param sendInitialEvents the watch-list flag; null when the client did not send it
 */
public record WatchQuery(String labelSelector, String fieldSelector, String resourceVersion,
                         boolean allowWatchBookmarks, Boolean sendInitialEvents) {

    /** Whether the watch starts with the current objects as ADDED events (kube: RV unset or "0"). */
    public boolean startsWithInitialEvents() {
        if (sendInitialEvents != null) {
            return sendInitialEvents;
        }
        return resourceVersion == null || resourceVersion.isEmpty() || "0".equals(resourceVersion);
    }
}
