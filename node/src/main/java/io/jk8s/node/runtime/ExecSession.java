package io.jk8s.node.runtime;

import java.io.OutputStream;
import java.time.Duration;

/** A running exec: its stdin (if asked for), terminal size (if a TTY) and, at the end, its exit code. */
public interface ExecSession extends StreamHandle {

    /** Bytes written here reach the command's stdin; closing it sends end-of-file. */
    OutputStream stdin();

    void resize(int columns, int rows);

    /** Waits for the command to end and returns its exit code. */
    int awaitExitCode(Duration timeout) throws InterruptedException;
}
