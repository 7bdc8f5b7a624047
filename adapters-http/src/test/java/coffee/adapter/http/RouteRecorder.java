package coffee.adapter.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.spi.ServerFeature;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Writes down the routes the code registers, by handing the code routing builders that record
 * instead of build: {@link OrderApiServer#routing} and the server features' setup, with every
 * service and feature they register. Nothing is served; the list is what the code asks Helidon
 * to route, so a route added anywhere shows up here.
 */
final class RouteRecorder {

    /** The methods a route can name (CONNECT aside, which no route here takes). */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

    /**
     * One registration: {@code method} is {@code null} for {@code any} (every method); a route
     * whose path or methods the recorder cannot read is kept as {@link #unreadable}.
     */
    record Route(String method, String path, Object handler, String unreadable) {

        static Route of(String method, String path, Object handler) {
            return new Route(method, path, handler, null);
        }
    }

    private final List<Route> routes = new ArrayList<>();

    static List<Route> record(Consumer<HttpRouting.Builder> routing, List<ServerFeature> features) {
        RouteRecorder recorder = new RouteRecorder();
        routing.accept(recorder.builder(""));
        for (ServerFeature feature : features) {
            feature.setup(recorder.featureContext());
        }
        return List.copyOf(recorder.routes);
    }

    private HttpRouting.Builder builder(String prefix) {
        return (HttpRouting.Builder) proxy(HttpRouting.Builder.class, prefix);
    }

    private Object proxy(Class<?> type, String prefix) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            Object[] arguments = args == null ? new Object[0] : args;
            switch (name) {
                case "get", "post", "put", "delete", "patch", "head", "options", "trace" ->
                        add(name.toUpperCase(Locale.ROOT), prefix, arguments);
                case "any" -> add(null, prefix, arguments);
                case "route" -> route(prefix, arguments);
                case "register" -> register(prefix, arguments);
                case "addFeature" -> feature(arguments[0]).setup(builder(prefix));
                case "addFilter", "error", "maxReRouteCount", "security" -> {
                    // not routes
                }
                case "toString" -> {
                    return "RouteRecorder(" + prefix + ")";
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "equals" -> {
                    return self == arguments[0];
                }
                default -> throw new AssertionError("RouteRecorder does not know HttpRules." + name + ": teach it");
            }
            return self;
        });
    }

    /** {@code get(path, handlers...)} and the like; without a path the route takes every path. */
    private void add(String method, String prefix, Object[] args) {
        if (args.length == 2 && args[0] instanceof String path) {
            routes.add(Route.of(method, join(prefix, path), args[1]));
        } else {
            routes.add(new Route(method, prefix, args, "a route on every path under '" + prefix + "'"));
        }
    }

    private void route(String prefix, Object[] args) {
        if (args.length == 3 && args[0] instanceof Method method && args[1] instanceof String path) {
            routes.add(Route.of(method.text(), join(prefix, path), args[2]));
        } else if (args.length == 3 && args[0] instanceof Predicate<?> methods) {
            // Helidon's static content takes GET and HEAD on any path: kept for the caller, who
            // knows which files are there
            @SuppressWarnings("unchecked")
            Predicate<Method> accepted = (Predicate<Method>) methods;
            for (String one : METHODS) {
                if (accepted.test(Method.create(one))) {
                    routes.add(new Route(one, prefix, args[2], "a route for " + args[1] + " under '" + prefix + "'"));
                }
            }
        } else {
            routes.add(new Route(null, prefix, args, "a route the recorder cannot read: " + List.of(args)));
        }
    }

    private void register(String prefix, Object[] args) {
        String path = prefix;
        List<Object> services = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof String servicePath) {
                path = join(prefix, servicePath);
            } else if (arg instanceof Object[] many) {
                services.addAll(List.of(many));
            } else if (arg instanceof List<?> many) {
                services.addAll(many);
            } else {
                services.add(arg);
            }
        }
        for (Object service : services) {
            Object resolved = service instanceof Supplier<?> supplier && !(service instanceof HttpService)
                    ? supplier.get() : service;
            ((HttpService) resolved).routing((HttpRules) proxy(HttpRules.class, path));
        }
    }

    private static HttpFeature feature(Object feature) {
        return feature instanceof HttpFeature httpFeature ? httpFeature
                : (HttpFeature) ((Supplier<?>) feature).get();
    }

    /** What a server feature sees at set-up: one socket, whose routing is recorded. */
    private ServerFeature.ServerFeatureContext featureContext() {
        ServerFeature.SocketBuilders socket = (ServerFeature.SocketBuilders) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServerFeature.SocketBuilders.class}, (self, method, args) -> {
                    if (method.getName().equals("httpRouting")) {
                        return builder("");
                    }
                    throw new AssertionError("RouteRecorder does not know SocketBuilders." + method.getName());
                });
        return (ServerFeature.ServerFeatureContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServerFeature.ServerFeatureContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "sockets" -> Set.of("@default");
                    case "socketExists" -> true;
                    case "socket" -> socket;
                    default -> throw new AssertionError("RouteRecorder does not know ServerFeatureContext."
                            + method.getName());
                });
    }

    /** Helidon's way: a service's "/" is the path it was registered at. */
    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.equals("/") || path.isEmpty() ? prefix : prefix + (path.startsWith("/") ? path : "/" + path);
    }
}
