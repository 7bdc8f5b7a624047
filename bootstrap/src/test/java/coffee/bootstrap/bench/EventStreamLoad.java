package coffee.bootstrap.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Bench tool (never part of the product): holds many event-stream subscribers on a producer at
 * once, from one thread with a selector (a thread or a JDK HTTP client per subscriber would
 * cost this machine more than the server it measures), and measures each event's delay: from
 * the order's {@code updated_at} (when the change was made, on this machine's clock) to its
 * arrival here.
 *
 * <p>Usage: {@code EventStreamLoad <base url> <path> <subscribers> <seconds>}, for example
 * {@code EventStreamLoad http://127.0.0.1:8080 /orders/events 1000 30}. Prints progress to
 * stderr every 5 s, then one JSON line: subscribers asked for, streams opened (answered {@code
 * 200}), refused (any other status), failed (connection errors), ended by the server, events
 * received and the delay percentiles. An event whose data has no {@code updated_at} (a comment,
 * a heartbeat) is not timed. Stopped early (SIGTERM), it prints the same line for the time it ran.
 */
public final class EventStreamLoad {

    /** Connects in flight at once: more would overflow the server's accept backlog. */
    private static final int CONNECTING_AT_ONCE = 256;
    private static final byte[] UPDATED_AT = "\"updated_at\":\"".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final byte[] request;
    private final Histogram delays = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private long opened;
    private long refused;
    private long failed;
    private long ended;
    private long events;
    private volatile boolean stopRequested;
    private volatile Selector selector;
    private final CountDownLatch reported = new CountDownLatch(1);

    private EventStreamLoad(URI base, String path) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        EventStreamLoad load = new EventStreamLoad(URI.create(args[0]), args[1]);
        int subscribers = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            load.stopRequested = true;
            Selector running = load.selector;
            if (running != null) {
                running.wakeup();
            }
            try {
                load.reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            load.run(subscribers, TimeUnit.SECONDS.toNanos(seconds));
            load.report(args[1], subscribers);
        } finally {
            load.reported.countDown();
        }
    }

    private void report(String path, int subscribers) {
        System.out.println(String.format(Locale.ROOT,
                "{\"path\":\"%s\",\"subscribers\":%d,\"opened\":%d,\"refused\":%d,\"failed\":%d,\"ended\":%d,"
                        + "\"events\":%d,\"timed\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}",
                path, subscribers, opened, refused, failed, ended, events, delays.getTotalCount(),
                ms(delays.getValueAtPercentile(50)), ms(delays.getValueAtPercentile(99)),
                ms(delays.getValueAtPercentile(99.9)), ms(delays.getMaxValue())));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private void run(int subscribers, long durationNanos) throws IOException {
        long end = System.nanoTime() + durationNanos;
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int started = 0;
        int connecting = 0;
        try (Selector selector = Selector.open()) {
            this.selector = selector;
            while (System.nanoTime() - end < 0 && !stopRequested) {
                while (started < subscribers && connecting < CONNECTING_AT_ONCE) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    Stream stream = new Stream();
                    if (channel.connect(address)) {
                        channel.write(ByteBuffer.wrap(request));
                        channel.register(selector, SelectionKey.OP_READ, stream);
                    } else {
                        channel.register(selector, SelectionKey.OP_CONNECT, stream);
                        connecting++;
                    }
                    started++;
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    Stream stream = (Stream) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            connecting--;
                            channel.finishConnect();
                            channel.write(ByteBuffer.wrap(request));
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            read(channel, stream, key);
                        }
                    } catch (IOException e) {
                        if (!stream.answered) {
                            failed++;
                        } else {
                            ended++;
                        }
                        key.cancel();
                        channel.close();
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextProgress >= 0) {
                    System.err.printf(Locale.ROOT, "streams: %d opened, %d refused, %d failed, %d ended, %d events%n",
                            opened, refused, failed, ended, events);
                    nextProgress += TimeUnit.SECONDS.toNanos(5);
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
    }

    private void read(SocketChannel channel, Stream stream, SelectionKey key) throws IOException {
        readBuffer.clear();
        int read = channel.read(readBuffer);
        long arrivedMicros = nowMicros();
        if (read < 0) {
            if (stream.answered) {
                ended++;
            } else {
                failed++;
            }
            key.cancel();
            channel.close();
            return;
        }
        readBuffer.flip();
        while (readBuffer.hasRemaining()) {
            byte b = readBuffer.get();
            if (b != '\n') {
                stream.append(b);
                continue;
            }
            stream.endLine(this, arrivedMicros, channel, key);
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** One subscriber's connection: the line being read (lines may straddle reads). */
    private static final class Stream {

        private byte[] line = new byte[1024];
        private int length;
        private boolean answered;

        void append(byte b) {
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }

        void endLine(EventStreamLoad load, long arrivedMicros, SocketChannel channel, SelectionKey key)
                throws IOException {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            length = 0;
            if (!answered) {
                if (end >= 12 && line[0] == 'H' && line[4] == '/') {
                    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
                    answered = true;
                    if (status == 200) {
                        load.opened++;
                    } else {
                        load.refused++;
                        key.cancel();
                        channel.close();
                    }
                }
                return;
            }
            if (end >= 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
                load.events++;
                long changedMicros = updatedAt(end);
                if (changedMicros > 0) {
                    load.delays.recordValue(Math.max(0, Math.min(arrivedMicros - changedMicros,
                            load.delays.getHighestTrackableValue())));
                }
            }
        }

        /** The data line's {@code updated_at}, in microseconds since the epoch; 0 without one. */
        private long updatedAt(int end) {
            outer:
            for (int i = 5; i + UPDATED_AT.length < end; i++) {
                for (int j = 0; j < UPDATED_AT.length; j++) {
                    if (line[i + j] != UPDATED_AT[j]) {
                        continue outer;
                    }
                }
                int from = i + UPDATED_AT.length;
                int to = from;
                while (to < end && line[to] != '"') {
                    to++;
                }
                try {
                    Instant at = Instant.parse(new String(line, from, to - from, StandardCharsets.US_ASCII));
                    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
                } catch (DateTimeParseException e) {
                    return 0;
                }
            }
            return 0;
        }
    }
}
