package io.jk8s.node.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node port on loopback: accepts connections and splices each to an endpoint, chosen round robin
 * over the ready endpoints of that moment. An endpoint that refuses is skipped for the next one, as
 * kube-proxy's userspace mode retried; with none left the client's connection is reset.
 */
final class PortListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortListener.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final ServerSocket server;
    private final ServiceProxy.ServicePortName target;
    private final ServiceProxy proxy;
    private final ExecutorService threads;
    private final AtomicInteger next = new AtomicInteger();

    private PortListener(ServerSocket server, ServiceProxy.ServicePortName target, ServiceProxy proxy, ExecutorService threads) {
        this.server = server;
        this.target = target;
        this.proxy = proxy;
        this.threads = threads;
    }

    static PortListener open(int port, ServiceProxy.ServicePortName target, ServiceProxy proxy, ExecutorService threads) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            PortListener listener = new PortListener(server, target, proxy, threads);
            threads.execute(listener::acceptLoop);
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceProxy.ServicePortName target() {
        return target;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> forward(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("service proxy 127.0.0.1:{}: {}", server.getLocalPort(), e.toString());
                }
            }
        }
    }

    private void forward(Socket client) {
        List<InetSocketAddress> endpoints = proxy.endpoints(target);
        int start = next.getAndIncrement();
        for (int i = 0; i < endpoints.size(); i++) {
            InetSocketAddress endpoint = endpoints.get(Math.floorMod(start + i, endpoints.size()));
            Socket backend = new Socket();
            try {
                backend.connect(endpoint, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                closeQuietly(backend);
                continue;
            }
            AtomicInteger open = new AtomicInteger(2);
            threads.execute(() -> copy(backend, client, open));
            copy(client, backend, open);
            return;
        }
        reset(client);
    }

    /**
     * Copies one direction until end of stream and half-closes the other side, so each peer sees the
     * other's end; the sockets are closed when both directions are done, or at once on an error.
     */
    private static void copy(Socket from, Socket to, AtomicInteger open) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            if (open.decrementAndGet() > 0) {
                return;
            }
        } catch (IOException e) {
            // a reset or closed peer: end both directions
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0); // close with RST: no endpoint to serve the connection
        } catch (SocketException ignored) {
            // closed anyway below
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
