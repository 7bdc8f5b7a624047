package coffee.adapter.http;

import io.helidon.common.Weighted;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserverConfigBase;
import io.helidon.webserver.observe.spi.Observer;
import io.helidon.webserver.spi.ServerFeature;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
        return proxy(ServerFeature.ServerFeatureContext.class, context);
    }

    static HttpRouting.Builder routing(HttpRouting.Builder routing) {
        return proxy(HttpRouting.Builder.class, routing);
    }

    private static HttpRules rules(HttpRules rules) {
        return proxy(HttpRules.class, rules);
    }

    /**
     * A stand-in for one of the builders a feature sets itself up with: {@code GET} routes
     * registered through it get their {@code HEAD} twin, services and features registered through
     * it are set up through such stand-ins too, and everything else goes to the real builder.
     */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (self, method, args) -> {
            Object[] arguments = args == null ? new Object[0] : args;
            Object result;
            switch (method.getName()) {
                case "register" -> result = invoke(method, real, services(arguments));
                case "addFeature" -> result = invoke(method, real, new Object[] {feature(arguments[0])});
                case "get" -> {
                    result = invoke(method, real, arguments);
                    headTwin(real, arguments);
                }
                case "route" -> {
                    result = invoke(method, real, arguments);
                    if (arguments.length >= 2 && arguments[0] == Method.GET && arguments[arguments.length - 1] instanceof Handler get) {
                        Object[] twin = arguments.clone();
                        twin[0] = Method.HEAD;
                        twin[twin.length - 1] = handler(get);
                        invoke(method, real, twin);
                    }
                }
                default -> result = invoke(method, real, arguments);
            }
            if (result == real) {
                return self;
            }
            if (result instanceof ServerFeature.SocketBuilders socket) {
                return proxy(ServerFeature.SocketBuilders.class, socket);
            }
            if (result instanceof HttpRouting.Builder builder && method.getReturnType() == HttpRouting.Builder.class) {
                return routing(builder);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(HeadAsGet.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** After {@code get(path, handlers...)} or {@code get(handlers...)}: the same for {@code HEAD}. */
    private static void headTwin(Object real, Object[] arguments) {
        HttpRules rules = (HttpRules) real;
        if (arguments.length == 2 && arguments[0] instanceof String path && arguments[1] instanceof Handler[] gets) {
            rules.head(path, heads(gets));
        } else if (arguments.length == 1 && arguments[0] instanceof Handler[] gets) {
            rules.head(heads(gets));
        }
    }

    private static Handler[] heads(Handler[] gets) {
        Handler[] heads = new Handler[gets.length];
        for (int i = 0; i < gets.length; i++) {
            heads[i] = handler(gets[i]);
        }
        return heads;
    }

    /** The arguments of a {@code register(...)}, each service wrapped. */
    private static Object[] services(Object[] arguments) {
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
                service.routing(rules(rules));
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

    private static HttpFeature feature(Object argument) {
        HttpFeature feature = argument instanceof HttpFeature given ? given : (HttpFeature) ((Supplier<?>) argument).get();
        return new HttpFeature() {
            @Override
            public void setup(HttpRouting.Builder routing) {
                feature.setup(routing(routing));
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

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
