package io.jk8s.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param port 0 picks a free port (see {@link ApiServer#port()})
 * @param bookmarkInterval how often watches with allowWatchBookmarks get a BOOKMARK (kube: about a minute)
 * @param serviceAccountKeyFile the key that signs service-account tokens, made there on first start
 *        (kube-apiserver's --service-account-signing-key-file); null signs with a key kept only in memory
 * @param secureServing the HTTPS port besides {@code port}'s plain HTTP, or null for none
 */
public record ApiServerOptions(String host, int port, Duration bookmarkInterval, Path serviceAccountKeyFile,
                               SecureServing secureServing) {

    public static final Duration DEFAULT_BOOKMARK_INTERVAL = Duration.ofMinutes(1);

    public ApiServerOptions(String host, int port) {
        this(host, port, DEFAULT_BOOKMARK_INTERVAL);
    }

    public ApiServerOptions(String host, int port, Duration bookmarkInterval) {
        this(host, port, bookmarkInterval, null, null);
    }
}
