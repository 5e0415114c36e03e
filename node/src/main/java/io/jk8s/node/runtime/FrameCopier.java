package io.jk8s.node.runtime;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies Docker's multiplexed frames (logs, exec output) to a stdout and a stderr stream as they
 * arrive. A TTY has one stream (RAW frames), which goes to stdout, as kubectl expects.
 */
class FrameCopier extends ResultCallback.Adapter<Frame> implements StreamHandle {

    private final OutputStream stdout;
    private final OutputStream stderr;

    /**
     * Our own end-of-stream latch: docker-java's {@code awaitCompletion(timeout)} closes the stream
     * when it returns, even on a timeout, which would cut a followed log or kill a running exec.
     */
    private final CountDownLatch ended = new CountDownLatch(1);

    FrameCopier(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public void onNext(Frame frame) {
        OutputStream target = switch (frame.getStreamType()) {
            case STDERR -> stderr;
            case STDOUT, RAW -> stdout;
            default -> null; // STDIN echoes are not output
        };
        if (target == null) {
            return;
        }
        try {
            target.write(frame.getPayload());
            target.flush();
        } catch (IOException e) {
            // The reader went away (a closed kubectl logs -f): stop reading from Docker too.
            close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onComplete() {
        super.onComplete();
        ended.countDown();
    }

    @Override
    public void onError(Throwable error) {
        ended.countDown();
        super.onError(error);
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            super.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
