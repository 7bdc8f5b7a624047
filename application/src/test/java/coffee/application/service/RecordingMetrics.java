package coffee.application.service;

import coffee.application.port.out.OrderMetrics;
import coffee.domain.Drink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what was counted, as text, so tests can say what they expect in one line. */
public final class RecordingMetrics implements OrderMetrics {

    private final List<String> recorded = new CopyOnWriteArrayList<>();

    @Override
    public void placement(Drink drink, Placement outcome) {
        recorded.add("placement " + drink + " " + outcome);
    }

    @Override
    public void cancellation(Cancellation outcome) {
        recorded.add("cancellation " + outcome);
    }

    @Override
    public void handled(Handling outcome) {
        recorded.add("handled " + outcome);
    }

    @Override
    public void brewed(Drink drink, Duration brewTime) {
        recorded.add("brewed " + drink);
    }

    @Override
    public void publication(String eventType, Duration latency, boolean acknowledged) {
        recorded.add("publication " + eventType + " " + (acknowledged ? "acknowledged" : "failed"));
    }

    public List<String> recorded() {
        return List.copyOf(recorded);
    }
}
