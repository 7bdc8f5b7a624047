package coffee.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.application.port.in.OrderProcessor.Outcome;
import coffee.application.port.out.OrderMetrics;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlingCountTest {

    @Test
    void every_outcome_but_withdrawn_is_counted_under_its_own_name() {
        for (Outcome outcome : Outcome.values()) {
            if (outcome != Outcome.WITHDRAWN) {
                assertEquals(Optional.of(OrderMetrics.Handling.valueOf(outcome.name())), HandlingCount.of(outcome));
            }
        }
    }

    @Test
    void a_withdrawn_event_is_left_for_the_consumer_that_handles_it_to_count() {
        assertEquals(Optional.empty(), HandlingCount.of(Outcome.WITHDRAWN));
    }
}
