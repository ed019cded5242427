package dev.trawl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockWebServer;

/**
 * Server sockets whose connections send at once ({@code TCP_NODELAY}). MockWebServer writes an
 * answer in several small writes; with Nagle's algorithm on, each answer after the first on a
 * kept-alive connection then waits for the client's delayed ACK, about 40 ms on Linux, which caps a
 * connection at some 25 answers a second whatever the crawler does.
 */
final class NoDelayServerSockets extends ServerSocketFactory {
    /** A MockWebServer (not started) whose connections do not wait on Nagle's algorithm. */
    static MockWebServer server() {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSockets());
        return server;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return bound(new InetSocketAddress(port), 50);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return bound(new InetSocketAddress(port), backlog);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return bound(new InetSocketAddress(address, port), backlog);
    }

    private static ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
        ServerSocket socket = new NoDelayServerSocket();
        socket.bind(address, backlog);
        return socket;
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
