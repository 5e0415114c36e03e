package io.jk8s.node.runtime;

import java.io.Closeable;
import java.time.Duration;

/** A stream being copied in the background (a log, an exec's output); closing it stops the copy. */
public interface StreamHandle extends Closeable {

    /** Waits until the source ends (the log is complete, the command's output closed). */
    boolean awaitCompletion(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
