package coffee.application.port.out;

import coffee.domain.Order;
import java.time.Duration;

/** Makes the drink. Brewing takes time; that is what makes "processing" observable. */
@FunctionalInterface
public interface Barista {

    void brew(Order order) throws InterruptedException;

    /** A barista who takes the same time for every drink; zero means instantly. */
    static Barista takingTime(Duration brewTime) {
        long millis = brewTime.toMillis();
        return order -> {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        };
    }
}
