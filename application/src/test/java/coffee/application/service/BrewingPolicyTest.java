package coffee.application.service;

import static coffee.domain.OrderTestData.T0;
import static coffee.domain.OrderTestData.aPendingOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.application.service.BrewingPolicy.ActiveTicket;
import coffee.application.service.BrewingPolicy.Decision;
import coffee.application.service.BrewingPolicy.Stage;
import coffee.domain.Order;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The baristas' rules, one per test, with plain values: no threads, no waiting. */
class BrewingPolicyTest {

    private static final Optional<ActiveTicket> NOT_HELD = Optional.empty();
    private static final Optional<Order> UNKNOWN = Optional.empty();

    private final Order order = aPendingOrder();

    private static Optional<ActiveTicket> held(Stage stage) {
        return Optional.of(new ActiveTicket(stage, true));
    }

    private static Optional<ActiveTicket> heldAfterACrash(Stage stage) {
        return Optional.of(new ActiveTicket(stage, false));
    }

    private static Optional<Order> known(Order order) {
        return Optional.of(order);
    }

    private OrderEvent placed() {
        return new OrderPlaced(order);
    }

    private OrderEvent cancelRequested() {
        return new OrderCancelRequested(order.id(), T0);
    }

    @Test
    void a_placed_order_nobody_knows_of_is_admitted_and_may_be_cancelled() {
        assertEquals(new Decision.Admit(order, true), BrewingPolicy.decide(placed(), NOT_HELD, UNKNOWN));
    }

    @Test
    void a_placed_order_known_as_pending_is_admitted_and_may_be_cancelled() {
        assertEquals(new Decision.Admit(order, true), BrewingPolicy.decide(placed(), NOT_HELD, known(order)));
    }

    @Test
    void an_order_a_crashed_consumer_left_processing_is_admitted_but_may_no_longer_be_cancelled() {
        Decision decision = BrewingPolicy.decide(placed(), NOT_HELD, known(order.startBrewing(T0)));

        assertEquals(new Decision.Admit(order, false), decision);
    }

    @Test
    void an_order_placed_again_while_it_waits_or_brews_is_a_duplicate() {
        Decision decision = BrewingPolicy.decide(placed(), held(Stage.BREWING), known(order.startBrewing(T0)));

        assertEquals(new Decision.Duplicate("already waiting or brewing"), decision);
    }

    @Test
    void an_order_placed_again_after_it_completed_is_a_duplicate() {
        Decision decision = BrewingPolicy.decide(placed(), NOT_HELD, known(order.startBrewing(T0).complete(T0)));

        assertEquals(new Decision.Duplicate("already completed"), decision);
    }

    @Test
    void an_order_placed_again_after_it_was_cancelled_is_a_duplicate() {
        Decision decision = BrewingPolicy.decide(placed(), NOT_HELD, known(order.cancel(T0)));

        assertEquals(new Decision.Duplicate("already cancelled"), decision);
    }

    @Test
    void a_cancel_request_for_an_order_waiting_in_the_queue_takes_it_out() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), held(Stage.QUEUED), UNKNOWN);

        assertEquals(new Decision.CancelWaiting(), decision);
    }

    @Test
    void a_cancel_request_for_an_order_being_brewed_is_rejected() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), held(Stage.BREWING), known(order.startBrewing(T0)));

        assertEquals(new Decision.RejectCancel("brewing already started"), decision);
    }

    @Test
    void a_cancel_request_for_a_waiting_order_a_crashed_consumer_had_started_is_rejected() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), heldAfterACrash(Stage.QUEUED),
                known(order.startBrewing(T0)));

        assertEquals(new Decision.RejectCancel("brewing already started"), decision);
    }

    @Test
    void a_cancel_request_for_an_order_just_cancelled_in_the_queue_changes_nothing() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), held(Stage.CANCELLED), known(order.cancel(T0)));

        assertEquals(new Decision.AlreadyCancelled(), decision);
    }

    @Test
    void what_the_baristas_hold_counts_before_what_is_stored() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), held(Stage.QUEUED), known(order.cancel(T0)));

        assertEquals(new Decision.CancelWaiting(), decision);
    }

    @Test
    void a_cancel_request_for_a_pending_order_no_barista_here_holds_cancels_it() {
        assertEquals(new Decision.CancelKnown(order), BrewingPolicy.decide(cancelRequested(), NOT_HELD, known(order)));
    }

    @Test
    void a_cancel_request_for_an_order_already_cancelled_changes_nothing() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), NOT_HELD, known(order.cancel(T0)));

        assertEquals(new Decision.AlreadyCancelled(), decision);
    }

    @Test
    void a_cancel_request_for_an_order_another_consumer_is_brewing_is_rejected() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), NOT_HELD, known(order.startBrewing(T0)));

        assertEquals(new Decision.RejectCancel("already processing"), decision);
    }

    @Test
    void a_cancel_request_for_a_completed_order_is_rejected() {
        Order completed = order.startBrewing(T0).complete(T0);

        Decision decision = BrewingPolicy.decide(cancelRequested(), NOT_HELD, known(completed));

        assertEquals(new Decision.RejectCancel("already completed"), decision);
    }

    @Test
    void a_cancel_request_for_an_order_nobody_placed_is_ignored() {
        Decision decision = BrewingPolicy.decide(cancelRequested(), NOT_HELD, UNKNOWN);

        assertEquals(new Decision.Ignore("no such order was placed"), decision);
    }

    @Test
    void a_status_change_is_not_a_command_for_baristas() {
        OrderEvent status = new OrderStatusChanged(order.startBrewing(T0));

        Decision decision = BrewingPolicy.decide(status, NOT_HELD, known(order));

        assertEquals(new Decision.Ignore("a status change is not a command for baristas"), decision);
    }
}
