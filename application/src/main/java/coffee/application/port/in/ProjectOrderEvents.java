package coffee.application.port.in;

import coffee.domain.OrderEvent;

/**
 * Keeps the view of orders up to date from the events in Kafka. Driven by the feed that
 * follows the topics; applying an event twice changes nothing.
 */
public interface ProjectOrderEvents {

    void project(OrderEvent event);
}
