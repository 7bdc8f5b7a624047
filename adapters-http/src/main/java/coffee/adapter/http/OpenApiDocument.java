package coffee.adapter.http;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.cors.CrossOriginConfig;
import io.helidon.http.Status;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API's description: an OpenAPI 3.1 document written by hand ({@code META-INF/openapi.yml})
 * and served at {@code /openapi} by Helidon's OpenAPI feature, as YAML by default and as JSON
 * when asked ({@code Accept: application/json} or {@code ?format=json}). OpenApiConformanceIT
 * holds the document to what the server really does.
 *
 * <p>The feature is {@code helidon-openapi} 4.4.0 under the 4.5.0 webserver: 4.5.0 of it is
 * not published. It uses only the webserver's public API, and the conformance test starts the
 * real server, so a skew that mattered would fail the build.
 */
final class OpenApiDocument {

    static final String PATH = "/openapi";
    /** On the class path. Helidon looks for it in the working directory first, then there. */
    static final String FILE = "META-INF/openapi.yml";

    /** What the feature answers in (Helidon's own list): the YAML types, and JSON. */
    private static final MediaType[] SERVED_TYPES = {MediaTypes.APPLICATION_OPENAPI_YAML, MediaTypes.APPLICATION_X_YAML,
        MediaTypes.APPLICATION_YAML, MediaTypes.APPLICATION_OPENAPI_JSON, MediaTypes.APPLICATION_JSON,
        MediaTypes.TEXT_X_YAML, MediaTypes.TEXT_YAML};
    private static final Set<String> FORMATS = Set.of("json", "yaml", "yml");

    private OpenApiDocument() {
    }

    // CrossOriginConfig is marked for removal in Helidon 4.5.0, yet it is the only way to switch
    // off the CORS handler helidon-openapi 4.4.0 puts on /openapi
    @SuppressWarnings("removal")
    static OpenApiFeature feature() {
        return OpenApiFeature.builder()
                .staticFile(FILE)
                // the file is the whole document: nothing generated, nothing found by scanning
                .servicesDiscoverServices(false)
                // the API's CORS filter decides for every path; the feature's own CORS handler
                // would let any origin in and drop the headers the filter exposes
                .cors(CrossOriginConfig.builder().enabled(false).build())
                .build();
    }

    /**
     * Runs before the feature (the API's routes come before Helidon's features): answers what
     * the feature would answer oddly in the API's way. A method other than {@code GET} and
     * {@code HEAD} is a {@code 405} (the feature would leave it to a {@code 404}), an unknown {@code format} a
     * {@code 400} that names it, and an {@code Accept} naming none of the served types a
     * {@code 406} (the feature would pass it on to a {@code 404}).
     */
    static HttpService requestsChecked() {
        return rules -> rules.get(PATH, OpenApiDocument::checkFormat)
                .head(PATH, OpenApiDocument::checkFormat)
                .any(PATH, Routes.onlyAllowServedLater("GET", "HEAD"));
    }

    private static void checkFormat(ServerRequest req, ServerResponse res) {
        Optional<String> format = req.query().first("format").asOptional();
        if (format.isPresent()) {
            if (!FORMATS.contains(format.get().toLowerCase(Locale.ROOT))) {
                throw new ApiProblem(Status.BAD_REQUEST_400, "format must be one of: json, yaml, yml", "format");
            }
        } else if (req.headers().bestAccepted(SERVED_TYPES).isEmpty()) {
            throw new ApiProblem(Status.NOT_ACCEPTABLE_406,
                    "The document is served as YAML (application/vnd.oai.openapi, application/yaml) or as JSON "
                            + "(application/json): accept one of them, or ask with ?format=json");
        }
        res.next();
    }
}
