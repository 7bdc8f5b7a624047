package coffee.application.port.out;

import coffee.domain.Order;

/**
 * A view of orders this process writes to itself, as it learns of them: from a feed of the
 * topics, or from what it publishes. Safe for concurrent use.
 */
public interface OrderRepository extends OrderView {

    /**
     * Stores the order unless what is stored already tells as much: an unknown order is
     * added, a known one is replaced only by a snapshot that {@link Order#supersedes
     * supersedes} it. Saving the same snapshot twice therefore changes nothing.
     *
     * @return whether anything changed
     */
    boolean save(Order order);

    /** How many orders are stored. */
    int size();
}
