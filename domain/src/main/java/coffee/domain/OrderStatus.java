package coffee.domain;

import java.util.Locale;
import java.util.Optional;

/** Where an order is in its life: pending → processing → completed, or pending → cancelled. */
public enum OrderStatus {
    /** Durably accepted (in Kafka), waiting for a barista. */
    PENDING(0),
    /** A barista started brewing it; it can no longer be cancelled. */
    PROCESSING(1),
    /** Brewed and handed out. Final. */
    COMPLETED(2),
    /** Cancelled before brewing started. Final. */
    CANCELLED(2);

    private final int progress;
    private final String wireName;

    OrderStatus(int progress) {
        this.progress = progress;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name used on the wire: {@code pending}, {@code processing}, ... */
    public String wireName() {
        return wireName;
    }

    public static Optional<OrderStatus> fromWireName(String name) {
        for (OrderStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public boolean isFinal() {
        return progress == 2;
    }

    /** Whether an order in this status can move to {@code next}; statuses never go back. */
    public boolean isBefore(OrderStatus next) {
        return progress < next.progress;
    }

    /**
     * Whether an order in this status may still come to be {@code wanted}: a pending order may
     * become anything, a processing one only completed, a final one nothing else.
     */
    public boolean canStillBecome(OrderStatus wanted) {
        return this == PENDING ? wanted != PENDING : this == PROCESSING && wanted == COMPLETED;
    }

    /**
     * Whether someone waiting for {@code wanted} can stop waiting: the order is there, or it
     * has gone past it or taken another way (waiting for {@code cancelled} ends at
     * {@code processing}: it can no longer be cancelled).
     */
    public boolean settles(OrderStatus wanted) {
        return this == wanted || !canStillBecome(wanted);
    }
}
