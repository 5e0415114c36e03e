package io.jk8s.api.watch;

/**
 * Where a watch delivers. Called from store threads (and once from the starting thread for the
 * initial events), in order; implementations must not block and must hand the work to their own
 * thread (for HTTP: the connection's event loop).
 */
public interface WatchSink {

    void onEvent(ApiWatchEvent event);

    /** The watch ended on the server side (store closed, or an ERROR event was the last word). */
    void onEnd(Throwable cause);
}
