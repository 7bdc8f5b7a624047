package coffee.adapter.http;

import io.helidon.common.Weighted;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserverConfigBase;
import io.helidon.webserver.observe.spi.Observer;
import io.helidon.webserver.spi.ServerFeature;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code HEAD} wherever {@code GET}: the same handler answers both, a {@code HEAD} with the
 * status and headers of the {@code GET} and no body ({@link HeadResponse}). Helidon 4.5 routes
 * {@code HEAD} only where a route names it (its static content and health observer do, its
 * OpenAPI and metrics features do not), and a filter cannot stand in for the response a handler
 * writes to. So this system's own routes register {@code HEAD} next to {@code GET}
 * ({@link #handler}), and the features that lack it are set up through routing builders that
 * add a {@code HEAD} route to each {@code GET} route they register ({@link #feature},
 * {@link #observer}).
 */
final class HeadAsGet {

    private HeadAsGet() {
    }

    /** The {@code HEAD} twin of a {@code GET} handler. */
    static Handler handler(Handler get) {
        return (req, res) -> get.handle(req, new HeadResponse(req, res));
    }

    /** A server feature whose {@code GET} routes answer {@code HEAD} too. */
    static ServerFeature feature(ServerFeature feature) {
        return new HeadFeature(feature);
    }

    /** An observer (of Helidon's observe feature) whose {@code GET} routes answer {@code HEAD} too. */
    static Observer observer(Observer observer) {
        return new Observer() {
            @Override
            public ObserverConfigBase prototype() {
                return observer.prototype();
            }

            @Override
            public String type() {
                return observer.type();
            }

            @Override
            public String name() {
                return observer.name();
            }

            @Override
            public void register(ServerFeature.ServerFeatureContext featureContext,
                    List<HttpRouting.Builder> observeEndpointRouting, UnaryOperator<String> endpointFunction) {
                observer.register(context(featureContext), observeEndpointRouting.stream().map(HeadAsGet::routing).toList(),
                        endpointFunction);
            }
        };
    }

    private static final class HeadFeature implements ServerFeature, Weighted {

        private final ServerFeature feature;

        HeadFeature(ServerFeature feature) {
            this.feature = feature;
        }

        @Override
        public void setup(ServerFeatureContext featureContext) {
            feature.setup(context(featureContext));
        }

        @Override
        public String name() {
            return feature.name();
        }

        @Override
        public String type() {
            return feature.type();
        }

        @Override
        public double weight() {
            return feature instanceof Weighted weighted ? weighted.weight() : Weighted.DEFAULT_WEIGHT;
        }
    }

    private static ServerFeature.ServerFeatureContext context(ServerFeature.ServerFeatureContext context) {
        return HeadTwinBuilders.proxy(ServerFeature.ServerFeatureContext.class, context);
    }

    static HttpRouting.Builder routing(HttpRouting.Builder routing) {
        return HeadTwinBuilders.proxy(HttpRouting.Builder.class, routing);
    }
}
