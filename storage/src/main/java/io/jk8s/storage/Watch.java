package io.jk8s.storage;

/** A running watch. */
public interface Watch extends AutoCloseable {

    /** Asks for an {@link WatchListener#onProgress} call once everything committed so far is delivered. */
    void requestProgress();

    /** Stops delivery; after return no further listener calls start. */
    @Override
    void close();
}
