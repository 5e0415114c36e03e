package io.jk8s.api;

import java.time.Duration;

/**
 * @param port 0 picks a free port (see {@link ApiServer#port()})
 * @param bookmarkInterval how often watches with allowWatchBookmarks get a BOOKMARK (kube: about a minute)
 */
public record ApiServerOptions(String host, int port, Duration bookmarkInterval) {

    public static final Duration DEFAULT_BOOKMARK_INTERVAL = Duration.ofMinutes(1);

    public ApiServerOptions(String host, int port) {
        this(host, port, DEFAULT_BOOKMARK_INTERVAL);
    }
}
