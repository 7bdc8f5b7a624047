package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import coffee.adapter.http.support.RequestIds;
import coffee.application.port.in.CancelOrderResult;
import coffee.application.port.in.PlaceOrderCommand;
import coffee.application.port.in.PlaceOrderResult;
import coffee.domain.CustomerName;
import coffee.domain.InvalidOrderException;
import coffee.domain.Order;
import coffee.domain.OrderId;
import coffee.domain.OrderQuery;
import coffee.domain.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The order resource: place, look up, list and cancel orders. */
final class OrderHttpService implements HttpService {

    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final String CUSTOMER = "customer";
    /** Seconds a client should wait before retrying when Kafka is unavailable. */
    private static final String RETRY_AFTER_SECONDS = "2";
    private static final String STATUSES = Arrays.stream(OrderStatus.values())
            .map(OrderStatus::wireName).collect(Collectors.joining(", "));

    private final OrderUseCases useCases;
    private final JsonRequestBody bodies;

    OrderHttpService(OrderUseCases useCases, int maxBodyBytes) {
        this.useCases = useCases;
        this.bodies = new JsonRequestBody(maxBodyBytes);
    }

    /**
     * The questions other producer instances ask this one about its part of the view:
     * {@code GET /internal/view/order/{id}} (with {@code wait_for} and {@code timeout} as the
     * public route) and {@code GET /internal/view/orders}, answered from this instance's stores
     * only, so a question never travels on.
     */
    static HttpService peerQueries(OrderUseCases useCases, int maxBodyBytes) {
        OrderHttpService here = new OrderHttpService(new OrderUseCases(useCases.placeOrder(), useCases.cancelOrder(),
                useCases.findOrdersHere()), maxBodyBytes);
        return rules -> rules.get(PEER_ORDER, here::find)
                .head(PEER_ORDER, HeadAsGet.handler(here::find))
                .any(PEER_ORDER, Routes.onlyAllow("GET", "HEAD"))
                .get(PEER_ORDERS, here::list)
                .head(PEER_ORDERS, HeadAsGet.handler(here::list))
                .any(PEER_ORDERS, Routes.onlyAllow("GET", "HEAD"));
    }

    static final String PEER_ORDER = "/internal/view/order/{id}";
    static final String PEER_ORDERS = "/internal/view/orders";

    @Override
    public void routing(HttpRules rules) {
        rules.post("/order", this::place)
                .any("/order", Routes.onlyAllow("POST"))
                .get("/order/{id}", this::find)
                .head("/order/{id}", HeadAsGet.handler(this::find))
                .delete("/order/{id}", this::cancel)
                .any("/order/{id}", Routes.onlyAllow("GET", "HEAD", "DELETE"))
                .post("/order/{id}/cancel", this::cancel)
                .any("/order/{id}/cancel", Routes.onlyAllow("POST"))
                .get("/orders", this::list)
                .head("/orders", HeadAsGet.handler(this::list))
                .any("/orders", Routes.onlyAllow("GET", "HEAD"));
    }

    private void place(ServerRequest req, ServerResponse res) {
        JsonNode body = bodies.readObject(req);
        PlaceOrderCommand command = PlaceOrderCommand.of(
                JsonRequestBody.requiredText(body, "customer_name"),
                JsonRequestBody.requiredText(body, "coffee_type"),
                req.headers().first(IDEMPOTENCY_KEY).orElse(null),
                RequestIds.of(req));
        switch (useCases.placeOrder().place(command)) {
            case PlaceOrderResult.Accepted accepted -> {
                res.header(HeaderNames.LOCATION, "/order/" + accepted.order().id());
                Json.sendEncoded(res, Status.CREATED_201, OrderJson.outcome("Order placed", accepted.order()));
            }
            case PlaceOrderResult.AlreadyPlaced replay -> {
                res.header(HeaderNames.LOCATION, "/order/" + replay.order().id());
                Json.sendEncoded(res, Status.OK_200, OrderJson.outcome("Order already placed", replay.order()));
            }
            case PlaceOrderResult.KeyReused reused -> throw new ApiProblem(Status.create(422, "Unprocessable Content"),
                    "Idempotency-Key was already used for a different order", IDEMPOTENCY_KEY.defaultCase());
            case PlaceOrderResult.NotConfirmed notConfirmed -> throw unavailable(command.idempotencyKey().isPresent()
                    ? "Kafka did not confirm the order (" + notConfirmed.reason() + "); it may or may not be placed. "
                            + "Retry with the same Idempotency-Key: it is safe"
                    : "Kafka did not confirm the order (" + notConfirmed.reason() + "); it may or may not be placed. "
                            + "Send an Idempotency-Key header to retry safely");
        }
    }

    private void find(ServerRequest req, ServerResponse res) throws InterruptedException {
        Optional<BlockingRead> blocking = BlockingRead.of(req);
        Optional<OrderId> id = orderId(req);
        Optional<Order> order = id.isEmpty() ? Optional.empty()
                : blocking.isPresent()
                        ? useCases.findOrders().awaitStatus(id.get(), blocking.get().wanted(), blocking.get().timeout())
                        : useCases.findOrders().find(id.get());
        Json.sendEncoded(res, Status.OK_200, OrderJson.order(order.orElseThrow(Routes::orderNotFound)));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        OrderId id = orderId(req).orElseThrow(Routes::orderNotFound);
        switch (useCases.cancelOrder().cancel(id, RequestIds.of(req))) {
            case CancelOrderResult.Cancelled cancelled ->
                    Json.sendEncoded(res, Status.OK_200, OrderJson.outcome("Order cancelled", cancelled.order()));
            case CancelOrderResult.Requested requested -> Json.sendEncoded(res, Status.ACCEPTED_202, OrderJson.outcome(
                    "Cancellation requested; the order is cancelled unless brewing has started", requested.order()));
            case CancelOrderResult.TooLate tooLate -> throw new ApiProblem(Status.CONFLICT_409, "Order cannot be cancelled");
            case CancelOrderResult.NotFound notFound -> throw Routes.orderNotFound();
            case CancelOrderResult.NotConfirmed notConfirmed -> throw unavailable(
                    "Kafka did not confirm the cancel request (" + notConfirmed.reason() + "); retrying is safe");
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        OrderQuery query = filters(req, OrderQuery.newest(limit(req)));
        Json.sendEncoded(res, Status.OK_200, OrderJson.orders(useCases.findOrders().list(query)));
    }

    /** The {@code status} and {@code customer} filters of a request, added to {@code query}. */
    static OrderQuery filters(ServerRequest req, OrderQuery query) {
        Optional<String> status = req.query().first("status").asOptional();
        if (status.isPresent() && !status.get().isEmpty()) {
            query = query.withStatus(OrderStatus.fromWireName(status.get()).orElseThrow(() -> new ApiProblem(
                    Status.BAD_REQUEST_400, "status must be one of: " + STATUSES, "status")));
        }
        Optional<String> customer = req.query().first("customer").asOptional();
        if (customer.isPresent() && !customer.get().isEmpty()) {
            query = query.withCustomer(customerFilter(customer.get()));
        }
        return query;
    }

    /**
     * The {@code customer} filter as it was typed: empty is no filter (a form left blank), but
     * spaces or control characters are no name, and the error names the parameter, not the
     * order field the rule comes from.
     */
    private static CustomerName customerFilter(String typed) {
        try {
            return new CustomerName(typed);
        } catch (InvalidOrderException e) {
            throw new ApiProblem(Status.BAD_REQUEST_400, CUSTOMER + " " + e.rule(), CUSTOMER);
        }
    }

    private static int limit(ServerRequest req) {
        Optional<String> limit = req.query().first("limit").asOptional();
        if (limit.isEmpty() || limit.get().isEmpty()) {
            return OrderQuery.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.get());
            if (value >= 1 && value <= OrderQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ApiProblem(Status.BAD_REQUEST_400, "limit must be a whole number from 1 to " + OrderQuery.MAX_LIMIT,
                "limit");
    }

    /** A malformed id names no order: it is a 404, like any unknown id. */
    static Optional<OrderId> orderId(ServerRequest req) {
        return OrderId.parse(req.path().pathParameters().first("id").orElse(""));
    }

    private static ApiProblem unavailable(String message) {
        return new ApiProblem(Status.SERVICE_UNAVAILABLE_503, message)
                .withHeader(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
