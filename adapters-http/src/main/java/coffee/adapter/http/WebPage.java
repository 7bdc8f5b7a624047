package coffee.adapter.http;

import io.helidon.common.Size;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.MemoryCache;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.util.List;

/**
 * The web page at {@code /}: the static files under {@code web/} on the class path (HTML, CSS
 * and JavaScript, no build step), served by Helidon's static content support.
 */
final class WebPage {

    /** Where the files live on the class path ({@code src/main/resources/web}). */
    static final String LOCATION = "web";

    /**
     * The paths the files answer at ({@code /} is {@code index.html}). Only for refusing other
     * methods with {@code 405}: the files are found on the class path, and a test keeps this
     * list in step with them.
     */
    static final List<String> PATHS = List.of("/", "/index.html", "/style.css", "/app.js");

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

    /** Other methods than {@code GET} and {@code HEAD} on the page's paths answer {@code 405}. */
    static HttpService otherMethodsRefused() {
        return rules -> PATHS.forEach(path -> rules.any(path, Routes.onlyAllowServedLater("GET", "HEAD")));
    }
}
