package coffee.adapter.http;

import coffee.adapter.http.support.HttpDates;
import io.helidon.common.Size;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.MemoryCache;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web pages: the ordering page at {@code /} and the shop's board at {@code /board}, static
 * files under {@code web/} on the class path (HTML, CSS and JavaScript, no build step), served by
 * Helidon's static content support.
 */
final class WebPage {

    /** Where the files live on the class path ({@code src/main/resources/web}). */
    static final String LOCATION = "web";

    /**
     * The paths the files answer at ({@code /} is {@code index.html}). Only for refusing other
     * methods with {@code 405}: the files are found on the class path, and a test keeps this
     * list in step with them.
     */
    static final List<String> PATHS = List.of("/", "/index.html", "/style.css", "/app.js",
            "/board", "/board.html", "/board.css", "/board.js");

    /** The board's address without the file's extension; it answers {@code board.html}. */
    static final String BOARD = "/board";
    static final String BOARD_FILE = "/board.html";

    private WebPage() {
    }

    /**
     * Answers {@code GET} and {@code HEAD} for the files that exist, and passes every other
     * request on, so the API's routes and the JSON {@code 404} behave as without the page.
     */
    static HttpService files() {
        return StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(LOCATION)
                .welcome("index.html")
                // the page is a few kilobytes: serve it from memory rather than let Helidon unpack
                // it from the jar into files in the temporary directory
                .memoryCache(MemoryCache.create(cache -> cache.capacity(Size.parse("1 MB"))))
                .build());
    }

    /**
     * Answers {@code /board} with {@code board.html}, as the files answer it (the same validators
     * and cache headers): the request is routed again as if it named the file.
     */
    static HttpService boardAddress() {
        Handler toFile = (req, res) -> res.reroute(BOARD_FILE);
        return rules -> rules.get(BOARD, toFile).head(BOARD, toFile);
    }

    /**
     * Runs before the files: dates them as HTTP says and answers {@code If-Modified-Since}
     * itself. Helidon 4.5 writes {@code Last-Modified} with a one-digit day in the machine's time
     * zone, and compares {@code If-Modified-Since} (whole seconds) with the file's time to the
     * millisecond, so the very date it sent answers {@code 200} instead of {@code 304}. What a
     * file's validators are is learned from its first {@code 200}; until then (the first request
     * after a start), Helidon answers as it does. {@code If-None-Match} comes first, as HTTP says,
     * and stays Helidon's.
     */
    static HttpService conditionalRequests() {
        Map<String, Validators> seen = new ConcurrentHashMap<>();
        Handler handler = (req, res) -> {
            String path = req.path().path();
            Validators known = seen.get(path);
            if (known != null && !req.headers().contains(HeaderNames.IF_NONE_MATCH)) {
                Optional<Instant> since = req.headers().first(HeaderNames.IF_MODIFIED_SINCE).flatMap(HttpDates::parse);
                if (since.isPresent() && !since.get().isBefore(known.lastModified())) {
                    res.header(HeaderNames.ETAG, known.etag());
                    res.header(HeaderNames.LAST_MODIFIED, HttpDates.format(known.lastModified()));
                    res.status(Status.NOT_MODIFIED_304).send();
                    return;
                }
            }
            res.beforeSend(() -> res.headers().first(HeaderNames.LAST_MODIFIED).flatMap(HttpDates::parse)
                    .ifPresent(modified -> {
                        res.headers().set(HeaderNames.LAST_MODIFIED, HttpDates.format(modified));
                        Optional<String> etag = res.headers().first(HeaderNames.ETAG);
                        if (res.status().code() == Status.OK_200.code() && etag.isPresent()) {
                            seen.putIfAbsent(path, new Validators(etag.get(), modified));
                        }
                    }));
            res.next();
        };
        return rules -> PATHS.forEach(path -> rules.get(path, handler).head(path, handler));
    }

    /** What a file's {@code 200} said about its version. */
    private record Validators(String etag, Instant lastModified) {
    }

    /** Other methods than {@code GET} and {@code HEAD} on the page's paths answer {@code 405}. */
    static HttpService otherMethodsRefused() {
        return rules -> PATHS.forEach(path -> rules.any(path, Routes.onlyAllowServedLater("GET", "HEAD")));
    }
}
