package coffee.adapter.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.spi.ServerFeature;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Stand-ins for the routing builders Helidon hands a feature (feature context, socket builders,
 * routing, rules) that register a {@code HEAD} twin next to each {@code GET} route: how
 * {@link HeadAsGet} gives {@code HEAD} to features that register only {@code GET}.
 */
final class HeadTwinBuilders {

    private HeadTwinBuilders() {
    }

    /**
     * A stand-in for one of the builders a feature sets itself up with: {@code GET} routes
     * registered through it get their {@code HEAD} twin, services and features registered through
     * it are set up through such stand-ins too, and everything else goes to the real builder.
     */
    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, T real) {
        InvocationHandler handler = (self, method, args) -> {
            Object[] arguments = args == null ? new Object[0] : args;
            Object result;
            switch (method.getName()) {
                case "register" -> result = invoke(method, real, HeadTwinSetups.services(arguments));
                case "addFeature" -> result = invoke(method, real, new Object[] {HeadTwinSetups.feature(arguments[0])});
                case "get" -> {
                    result = invoke(method, real, arguments);
                    headTwin(real, arguments);
                }
                case "route" -> {
                    result = invoke(method, real, arguments);
                    if (arguments.length >= 2 && arguments[0] == Method.GET && arguments[arguments.length - 1] instanceof Handler get) {
                        Object[] twin = arguments.clone();
                        twin[0] = Method.HEAD;
                        twin[twin.length - 1] = HeadAsGet.handler(get);
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
                return HeadAsGet.routing(builder);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(HeadTwinBuilders.class.getClassLoader(), new Class<?>[] {type}, handler);
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
            heads[i] = HeadAsGet.handler(gets[i]);
        }
        return heads;
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
