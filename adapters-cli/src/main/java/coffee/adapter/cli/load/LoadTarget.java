package coffee.adapter.cli.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where {@code coffee load} sends its orders: the producer's host, port and base path, and the
 * one {@code POST /order} request, encoded once and sent unchanged on every connection.
 */
public record LoadTarget(String url, String host, int port, String basePath) {

    /**
     * Parses {@code http://host[:port][/base/path]}.
     *
     * @throws IllegalArgumentException for anything else, HTTPS included: a message for the user
     *     about {@code --url}
     */
    public static LoadTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, "not a valid URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
            throw invalid(url, "only http:// URLs are supported (the load generator speaks plain HTTP/1.1)");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(url, "give the producer's base URL, without query, fragment or user");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new LoadTarget(url, uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), path);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("--url " + url + ": " + why);
    }

    /**
     * The whole {@code POST /order} request, headers and body, as bytes on the wire. Built once:
     * every order of a run is the same, and encoding it per request would be wasted work.
     *
     * @param apiKey sent as {@code Authorization: Bearer}; null for none
     */
    public byte[] orderRequest(String customer, String drink, String apiKey) {
        ObjectNode order = new ObjectMapper().createObjectNode()
                .put("customer_name", customer)
                .put("coffee_type", drink);
        byte[] body;
        try {
            body = new ObjectMapper().writeValueAsBytes(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings always serialize", e);
        }
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(basePath).append("/order HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (apiKey != null) {
            head.append("Authorization: Bearer ").append(apiKey).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private String hostHeader() {
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == 80 ? name : name + ":" + port;
    }
}
