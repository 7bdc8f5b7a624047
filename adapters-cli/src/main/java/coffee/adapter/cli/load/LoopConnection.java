package coffee.adapter.cli.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One non-blocking keep-alive HTTP/1.1 connection of an {@link EventLoopLoadDriver}: sends the
 * same pre-encoded request again and again, and reads each answer with an {@link
 * HttpAnswerParser} as its bytes arrive. Driven by one selector thread; not thread-safe.
 */
final class LoopConnection {

    private static final long CONNECT_TIMEOUT_NANOS = HttpLoadConnection.CONNECT_TIMEOUT_MS * 1_000_000L;
    private static final long READ_TIMEOUT_NANOS = HttpLoadConnection.READ_TIMEOUT_MS * 1_000_000L;

    private final InetSocketAddress address;
    private final ByteBuffer request;
    final HttpAnswerParser answer = new HttpAnswerParser();
    private byte[] buffer = new byte[8 * 1024];
    private ByteBuffer readInto = ByteBuffer.wrap(buffer);
    private SocketChannel channel;
    private SelectionKey key;
    private boolean inFlight;
    /** When the request in flight was sent, or its connect began. */
    private long inFlightSinceNanos;
    private boolean connecting;

    /** When the request this connection claimed should go out (open loop), by the schedule. */
    long intendedNanos;
    /** When it will go out: the intended time, or later after a failed connect. */
    long dueNanos;
    /** What the answer's latency counts from. */
    long latencyFromNanos;

    LoopConnection(InetSocketAddress address, byte[] request) {
        this.address = address;
        this.request = ByteBuffer.wrap(request).asReadOnlyBuffer();
    }

    /** Opens the connection now, blocking until connected, rather than on the first request. */
    void connectNow(Selector selector) throws IOException {
        if (channel != null) {
            return;
        }
        SocketChannel opened = SocketChannel.open();
        try {
            opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
            try {
                opened.socket().connect(address, HttpLoadConnection.CONNECT_TIMEOUT_MS);
            } catch (SocketTimeoutException e) {
                throw new ConnectException("no connection within " + HttpLoadConnection.CONNECT_TIMEOUT_MS + " ms");
            }
            opened.configureBlocking(false);
            key = opened.register(selector, 0, this);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    /**
     * Sends the request, connecting first (without waiting) if the connection is closed; the
     * rest of the exchange happens in {@link #onReady}.
     */
    void send(Selector selector, long now) throws IOException {
        inFlight = true;
        inFlightSinceNanos = now;
        if (channel == null) {
            SocketChannel opened = SocketChannel.open();
            try {
                opened.configureBlocking(false);
                opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
                key = opened.register(selector, 0, this);
                channel = opened;
                if (!opened.connect(address)) {
                    connecting = true;
                    key.interestOps(SelectionKey.OP_CONNECT);
                    return;
                }
            } catch (IOException e) {
                opened.close();
                channel = null;
                throw new ConnectException("cannot connect to " + address + ": " + e.getMessage());
            }
        }
        write();
    }

    private void write() throws IOException {
        request.rewind();
        channel.write(request);
        readInto.clear();
        key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /**
     * Goes on with the exchange the selector says can progress.
     *
     * @return the answer's status once it is whole, else {@link HttpAnswerParser#INCOMPLETE}
     * @throws ConnectException the connection could not be made
     * @throws java.net.ProtocolException the answer is not HTTP/1.x as this reads it
     * @throws IOException the connection broke
     */
    int onReady(SelectionKey ready, long now) throws IOException {
        if (connecting) {
            try {
                if (!channel.finishConnect()) {
                    return HttpAnswerParser.INCOMPLETE;
                }
            } catch (IOException e) {
                throw new ConnectException("cannot connect to " + address + ": " + e.getMessage());
            }
            connecting = false;
            write();
            return HttpAnswerParser.INCOMPLETE;
        }
        if (ready.isWritable()) {
            channel.write(request);
            if (!request.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
            return HttpAnswerParser.INCOMPLETE;
        }
        if (!readInto.hasRemaining()) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
            readInto = ByteBuffer.wrap(buffer).position(readInto.position());
        }
        boolean endOfStream = channel.read(readInto) < 0;
        int status = answer.parse(buffer, readInto.position(), endOfStream);
        if (status != HttpAnswerParser.INCOMPLETE) {
            inFlight = false;
            if (answer.keepAlive()) {
                key.interestOps(0);
            } else {
                close();
            }
        }
        return status;
    }

    /**
     * Fails the exchange in flight if it has waited too long.
     *
     * @throws ConnectException no connection within the connect timeout
     * @throws SocketTimeoutException no answer within the read timeout
     */
    void checkTimeout(long now) throws ConnectException, SocketTimeoutException {
        if (!inFlight) {
            return;
        }
        if (connecting && now - inFlightSinceNanos > CONNECT_TIMEOUT_NANOS) {
            throw new ConnectException("no connection within " + HttpLoadConnection.CONNECT_TIMEOUT_MS + " ms");
        }
        if (now - inFlightSinceNanos > READ_TIMEOUT_NANOS) {
            throw new SocketTimeoutException("no answer within " + HttpLoadConnection.READ_TIMEOUT_MS + " ms");
        }
    }

    /** Closes the connection; the next send reconnects. */
    void close() {
        inFlight = false;
        connecting = false;
        SocketChannel open = channel;
        channel = null;
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing is best effort: the channel is gone either way
            }
        }
    }
}
