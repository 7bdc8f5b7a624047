package coffee.adapter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coffee.application.port.out.OrderViewUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

class SettlingTest {

    @Test
    void a_read_of_a_store_that_is_moving_is_tried_again_until_it_answers() {
        Settling settling = new Settling(Optional::empty, Duration.ofSeconds(5));
        AtomicInteger tries = new AtomicInteger();

        String answer = settling.read(() -> {
            if (tries.incrementAndGet() < 3) {
                throw new InvalidStateStoreException("the store is migrating");
            }
            return "found";
        });

        assertEquals("found", answer);
        assertEquals(3, tries.get());
    }

    @Test
    void a_store_that_never_settles_is_a_503_that_says_why_the_view_is_not_ready() {
        Settling settling = new Settling(() -> Optional.of("the view of orders is restoring: 5 of 9 records"),
                Duration.ofMillis(200));

        OrderViewUnavailableException unavailable = assertThrows(OrderViewUnavailableException.class,
                () -> settling.read(() -> {
                    throw new InvalidStateStoreException("the store is migrating");
                }));

        assertEquals("the view of orders is restoring: 5 of 9 records: the store is migrating", unavailable.getMessage());
    }

    @Test
    void without_another_reason_the_view_is_said_to_be_rebalancing() {
        Settling settling = new Settling(Optional::empty, Duration.ofMillis(200));

        OrderViewUnavailableException unavailable = assertThrows(OrderViewUnavailableException.class,
                () -> settling.pauseOrGiveUp(settling.deadline() - 1_000_000_000L, "2 of 4 partitions have no holder"));

        assertEquals("the view of orders is rebalancing: 2 of 4 partitions have no holder", unavailable.getMessage());
    }
}
