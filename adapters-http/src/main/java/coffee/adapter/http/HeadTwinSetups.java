package coffee.adapter.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The services and HTTP features registered through a {@link HeadTwinBuilders} stand-in,
 * wrapped so that they set their routes up through such stand-ins too; every other call goes
 * to the one wrapped.
 */
final class HeadTwinSetups {

    private HeadTwinSetups() {
    }

    /** The arguments of a {@code register(...)}, each service wrapped. */
    static Object[] services(Object[] arguments) {
        Object[] wrapped = arguments.clone();
        for (int i = 0; i < wrapped.length; i++) {
            Object argument = wrapped[i];
            if (argument instanceof HttpService[] many) {
                HttpService[] services = new HttpService[many.length];
                for (int j = 0; j < many.length; j++) {
                    services[j] = service(many[j]);
                }
                wrapped[i] = services;
            } else if (argument instanceof List<?> many) {
                List<Supplier<HttpService>> services = new ArrayList<>();
                for (Object one : many) {
                    Supplier<?> supplier = (Supplier<?>) one;
                    services.add(() -> service((HttpService) supplier.get()));
                }
                wrapped[i] = services;
            } else if (argument instanceof HttpService service) {
                wrapped[i] = service(service);
            } else if (argument instanceof Supplier<?> supplier) {
                wrapped[i] = (Supplier<HttpService>) () -> service((HttpService) supplier.get());
            }
        }
        return wrapped;
    }

    private static HttpService service(HttpService service) {
        return new HttpService() {
            @Override
            public void routing(HttpRules rules) {
                service.routing(HeadTwinBuilders.proxy(HttpRules.class, rules));
            }

            @Override
            public void beforeStart() {
                service.beforeStart();
            }

            @Override
            public void afterStart(WebServer webServer) {
                service.afterStart(webServer);
            }

            @Override
            public void afterStop() {
                service.afterStop();
            }
        };
    }

    static HttpFeature feature(Object argument) {
        HttpFeature feature = argument instanceof HttpFeature given ? given : (HttpFeature) ((Supplier<?>) argument).get();
        return new HttpFeature() {
            @Override
            public void setup(HttpRouting.Builder routing) {
                feature.setup(HeadAsGet.routing(routing));
            }

            @Override
            public String socket() {
                return feature.socket();
            }

            @Override
            public boolean socketRequired() {
                return feature.socketRequired();
            }

            @Override
            public void beforeStart() {
                feature.beforeStart();
            }

            @Override
            public void afterStart(WebServer webServer) {
                feature.afterStart(webServer);
            }

            @Override
            public void afterStop() {
                feature.afterStop();
            }
        };
    }
}
