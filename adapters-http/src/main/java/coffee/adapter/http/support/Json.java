package coffee.adapter.http.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** The HTTP adapter's one JSON mapper, configured once, shared by every request. */
public final class Json {

    /** Deeper than any sane order; hostile input is cut off long before it costs anything. */
    private static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .build());
    }

    private Json() {
    }

    /** For writers that stream their JSON: the same configuration as the mapper. */
    public static JsonFactory factory() {
        return MAPPER.getFactory();
    }

    public static JsonNode parse(byte[] body) throws JsonProcessingException {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response objects always serialize", e);
        }
    }

    /** Sends a body already encoded as JSON (for answers that never change). */
    public static void sendEncoded(ServerResponse res, Status status, byte[] json) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(json);
    }
}
