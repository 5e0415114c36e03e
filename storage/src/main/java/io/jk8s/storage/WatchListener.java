package io.jk8s.storage;

import java.util.List;

/** Receives a watch's changes. Called from store threads, in revision order; must not block. */
public interface WatchListener {

    /** Changes in revision order; a batch never splits one revision. */
    void onEvents(List<WatchEvent> events);

    /**
     * Every change under the prefix up to {@code revision} has been delivered. Sent periodically
     * and on {@link Watch#requestProgress()}; the API layer turns it into a BOOKMARK.
     */
    default void onProgress(long revision) {}

    /** The watch ended because the store closed or failed; no further calls follow. */
    default void onClose(Throwable cause) {}
}
