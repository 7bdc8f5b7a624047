package coffee.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log line, for log collectors. {@code key=value} pairs in the message
 * (this system logs that way: {@code order_id=... request_id=...}) also become fields, so
 * collectors can search by order or request without parsing text.
 */
final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern PAIR = Pattern.compile("(?<![\\w.])([a-z][a-z_]*)=([^\\s,;]+)");

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            String message = event.getFormattedMessage();
            json.writeStringField("message", message);
            Matcher pairs = PAIR.matcher(message == null ? "" : message);
            Set<String> written = new HashSet<>();
            while (pairs.find()) {
                String field = pairs.group(1);
                if (!isReserved(field) && written.add(field)) {
                    json.writeStringField(field, pairs.group(2));
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error", ThrowableProxyUtil.asString(error));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static boolean isReserved(String field) {
        return switch (field) {
            case "time", "level", "logger", "thread", "message", "error" -> true;
            default -> false;
        };
    }
}
