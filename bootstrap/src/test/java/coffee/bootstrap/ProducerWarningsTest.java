package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerWarningsTest {

    @Test
    void warnings_that_differ_only_in_their_numbers_are_told_once_with_how_often_and_when() {
        List<String> told = ProducerWarnings.of(List.of(
                "2026-12-04T12:35:12.764Z WARN  Sender - Got error on orders-3, correlation id 42",
                "2026-12-04T12:35:12.700Z INFO  Place - placed order",
                "2026-12-04T12:35:12.765Z WARN  Sender - Got error on orders-0, correlation id 48",
                "2026-12-04T12:35:13.100Z ERROR Sender - gave up",
                "2026-12-04T12:35:14.001Z WARN  Sender - Got error on orders-5, correlation id 50"));

        assertEquals(List.of(
                "3x 12:35:12.764 to 12:35:14.001 | WARN Sender - Got error on orders-N, correlation id N",
                "1x 12:35:13.100 | ERROR Sender - gave up"), told);
    }
}
