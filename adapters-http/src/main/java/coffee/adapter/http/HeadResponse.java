package coffee.adapter.http;

import io.helidon.common.GenericType;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.http.media.EntityWriter;
import io.helidon.http.media.MediaContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The response a {@code GET} handler writes to when it answers a {@code HEAD}: everything goes
 * to the real response but the body, which is only counted, so the answer has the status and
 * headers the {@code GET} would have, {@code Content-Length} included, and no body.
 */
final class HeadResponse implements ServerResponse {

    /** For entities a handler sends as objects (Helidon's features send strings): how GET would write them. */
    private static final MediaContext MEDIA = MediaContext.create();

    private final ServerRequest request;
    private final ServerResponse response;

    HeadResponse(ServerRequest request, ServerResponse response) {
        this.request = request;
        this.response = response;
    }

    /** Sends the status and headers, with the length of the body a GET would carry. */
    private void sendWithoutBody(long length) {
        response.headers().contentLength(length);
        response.send();
    }

    @Override
    public void send(byte[] bytes) {
        sendWithoutBody(bytes.length);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        sendWithoutBody(length);
    }

    @Override
    public void send(Object entity) {
        if (entity instanceof byte[] bytes) {
            send(bytes);
            return;
        }
        GenericType<Object> type = GenericType.create(entity);
        EntityWriter<Object> writer = MEDIA.writer(type, request.headers(), response.headers());
        Counter counter = new Counter();
        writer.write(type, entity, counter, request.headers(), response.headers());
        sendWithoutBody(counter.count);
    }

    @Override
    public void send() {
        response.send();
    }

    @Override
    public OutputStream outputStream() {
        return new Counter() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    sendWithoutBody(count);
                }
            }
        };
    }

    @Override
    public ServerResponse status(Status status) {
        response.status(status);
        return this;
    }

    @Override
    public Status status() {
        return response.status();
    }

    @Override
    public ServerResponse header(Header header) {
        response.header(header);
        return this;
    }

    @Override
    public boolean isSent() {
        return response.isSent();
    }

    @Override
    public long bytesWritten() {
        return response.bytesWritten();
    }

    @Override
    public ServerResponse beforeSend(Runnable beforeSendHandler) {
        response.beforeSend(beforeSendHandler);
        return this;
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        response.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        response.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        response.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        response.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return response.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return response.trailers();
    }

    @Override
    public ServerResponse beforeTrailers(Consumer<ServerResponseTrailers> trailersConsumer) {
        response.beforeTrailers(trailersConsumer);
        return this;
    }

    @Override
    public void streamResult(String result) {
        response.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        response.streamFilter(filterFunction);
    }

    /** Counts what would be written, and writes nothing. */
    private static class Counter extends OutputStream {

        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
