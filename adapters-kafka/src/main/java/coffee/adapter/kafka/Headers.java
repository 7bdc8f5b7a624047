package coffee.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/** Names of the record headers this system writes, and reading them. */
final class Headers {

    static final String REQUEST_ID = "request-id";
    /** Which connection (process) wrote the record: its own feeds pass over what it wrote. */
    static final String WRITER = "writer";
    static final String DLQ_ERROR = "error";
    static final String DLQ_SOURCE_TOPIC = "source-topic";
    static final String DLQ_SOURCE_PARTITION = "source-partition";
    static final String DLQ_SOURCE_OFFSET = "source-offset";

    private Headers() {
    }

    static Optional<String> text(org.apache.kafka.common.header.Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
