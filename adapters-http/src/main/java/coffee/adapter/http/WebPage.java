package coffee.adapter.http;

import io.helidon.common.Size;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.MemoryCache;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The web page at {@code /}: the static files under {@code web/} on the class path (HTML, CSS
 * and JavaScript, no build step), served by Helidon's static content support.
 */
final class WebPage {

    /** Where the files live on the class path ({@code src/main/resources/web}). */
    static final String LOCATION = "web";

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
}
