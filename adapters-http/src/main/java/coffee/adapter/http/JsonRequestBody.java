package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads a request body that must be a JSON object, refusing everything else with the right
 * status: {@code 400} empty or malformed, {@code 413} too large, {@code 415} not JSON.
 */
final class JsonRequestBody {

    private final int maxBytes;

    JsonRequestBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    JsonNode readObject(ServerRequest req) {
        if (!req.content().hasEntity()) {
            throw new ApiProblem(Status.BAD_REQUEST_400, "Request body is required: a JSON object");
        }
        if (!isJson(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(""))) {
            throw new ApiProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "Content-Type must be application/json");
        }
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] body = readAtMost(req);
        if (body.length == 0) {
            throw new ApiProblem(Status.BAD_REQUEST_400, "Request body is required: a JSON object");
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(Status.BAD_REQUEST_400, "Request body is not valid JSON: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new ApiProblem(Status.BAD_REQUEST_400, "Request body must be a JSON object");
        }
        return node;
    }

    /** A field that must be a JSON string. */
    static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new ApiProblem(Status.BAD_REQUEST_400, field + " is required", field);
        }
        if (!value.isTextual()) {
            throw new ApiProblem(Status.BAD_REQUEST_400, field + " must be a string", field);
        }
        return value.textValue();
    }

    private byte[] readAtMost(ServerRequest req) {
        byte[] buffer = new byte[Math.min(maxBytes + 1, 4096)];
        int length = 0;
        try (InputStream in = req.content().inputStream()) {
            int read;
            while ((read = in.read(buffer, length, buffer.length - length)) != -1) {
                length += read;
                if (length > maxBytes) {
                    throw tooLarge();
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer, length);
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "Request body is larger than " + maxBytes + " bytes");
    }

    /** {@code application/json} or any {@code application/...+json}, with or without parameters. */
    private static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** Jackson's own words, on one line and bounded: enough for a client to find the mistake. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        String oneLine = message.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }
}
