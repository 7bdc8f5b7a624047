package coffee.bootstrap;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.Uuid;

/**
 * Readers for settings that say where something is: hosts to listen on, brokers, a quorum's
 * voters and cluster id, advertised URLs, CORS origins. Each fails with a reason a person
 * understands, like the rest of {@link Parsers}.
 */
final class AddressParsers {

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
    private static final Pattern VOTER = Pattern.compile("\\d{1,5}@[^\\s,@]+:\\d{1,5}");
    /** A host name as RFC 1123 spells it: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern ALL_DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");

    private AddressParsers() {
    }

    /** {@code http://host:port} (a path or trailing slash is refused: it names an instance), or empty. */
    static Setting.Parser<Optional<String>> optionalHttpUrl() {
        return text -> {
            if (text.isBlank()) {
                return Optional.empty();
            }
            String url = text.strip();
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + text + "' is not a URL such as http://10.0.0.5:3000");
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("'" + text + "' is not http://host:port, such as http://10.0.0.5:3000");
            }
            return Optional.of(url);
        };
    }

    /** The controllers of a quorum, {@code id@host:port} each, ids distinct; empty for none. */
    static Setting.Parser<List<String>> voters() {
        Setting.Parser<List<String>> list = Parsers.list();
        return text -> {
            if (text.isBlank()) {
                return List.of();
            }
            List<String> voters = list.parse(text);
            Set<String> ids = new HashSet<>();
            for (String voter : voters) {
                if (!VOTER.matcher(voter).matches()) {
                    throw new IllegalArgumentException("'" + voter + "' is not id@host:port");
                }
                if (!ids.add(voter.substring(0, voter.indexOf('@')))) {
                    throw new IllegalArgumentException("node id " + voter.substring(0, voter.indexOf('@'))
                            + " is named twice");
                }
            }
            return voters;
        };
    }

    /** A Kafka cluster id (16 bytes in URL-safe base64, as `kafka-storage.sh random-uuid` prints), or empty. */
    static Setting.Parser<Optional<String>> clusterId() {
        return text -> {
            if (text.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Uuid.fromString(text.strip()).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not a Kafka cluster id "
                        + "(22 characters of URL-safe base64, e.g. MkU3OEVBNTcwNTJENDM2Qk)");
            }
        };
    }

    /** A list of {@code host:port} addresses. */
    static Setting.Parser<List<String>> brokers() {
        Setting.Parser<List<String>> list = Parsers.list();
        return text -> {
            List<String> brokers = list.parse(text);
            for (String broker : brokers) {
                if (!HOST_PORT.matcher(broker).matches()) {
                    throw new IllegalArgumentException("'" + broker + "' is not host:port");
                }
            }
            return brokers;
        };
    }

    /**
     * An address to listen on: a host name, an IPv4 address or an IPv6 address (brackets
     * optional). Checked by its spelling only: whether a name resolves, and to an address of
     * this machine, is found when the server starts, and said naming the setting then.
     */
    static Setting.Parser<String> host() {
        return text -> {
            String host = text.strip();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (!isHost(host)) {
                throw new IllegalArgumentException("'" + text + "' is not a host name or an IP address "
                        + "(for example 0.0.0.0, 127.0.0.1, ::, localhost)");
            }
            return host;
        };
    }

    private static boolean isHost(String host) {
        if (host.contains(":")) {
            return isIpv6Literal(host);
        }
        if (ALL_DIGITS_AND_DOTS.matcher(host).matches()) {
            // 999.1.1.1 or 1.2.3 would otherwise pass as names of digits
            return IPV4.matcher(host).matches();
        }
        return HOST_NAME.matcher(host).matches();
    }

    private static boolean isIpv6Literal(String host) {
        if (!host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            // with a colon and only hex digits, dots and colons, the JDK parses a literal and
            // never asks DNS (::ffff:1.2.3.4 comes back as an IPv4 address: fine too)
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Origins a browser may call from: {@code *}, or each as the browser sends it in its
     * {@code Origin} header, {@code scheme://host[:port]} (no path, not even {@code /}). Scheme
     * and host are case-insensitive, so they are kept in lower case, as browsers send them.
     */
    static Setting.Parser<List<String>> origins() {
        Setting.Parser<List<String>> list = Parsers.list();
        return text -> list.parse(text).stream().map(AddressParsers::origin).toList();
    }

    private static String origin(String text) {
        if (text.equals("*")) {
            return text;
        }
        String example = " (an origin is * or scheme://host[:port], as in https://shop.example)";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not an origin" + example);
        }
        if (uri.getScheme() == null || !SCHEME.matcher(uri.getScheme()).matches() || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getPort() > 65535) {
            throw new IllegalArgumentException("'" + text + "' is not an origin" + example);
        }
        if (!uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an origin: an origin has no path, not even /"
                    + example);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
