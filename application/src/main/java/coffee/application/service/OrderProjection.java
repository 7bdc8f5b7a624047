package coffee.application.service;

import coffee.application.port.in.ProjectOrderEvents;
import coffee.application.port.out.OrderRepository;
import coffee.domain.OrderCancelRequested;
import coffee.domain.OrderEvent;
import coffee.domain.OrderPlaced;
import coffee.domain.OrderStatusChanged;

/**
 * Builds the view of orders from the two topics: placed orders from the orders topic, their
 * progress from the status topic. The two topics are read independently, so a status may
 * arrive before its order; the repository's "most advanced status wins" rule makes the order
 * of arrival irrelevant.
 */
public final class OrderProjection implements ProjectOrderEvents {

    private final OrderRepository orders;

    public OrderProjection(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public void project(OrderEvent event) {
        switch (event) {
            case OrderPlaced placed -> orders.save(placed.order());
            case OrderStatusChanged changed -> orders.save(changed.order());
            case OrderCancelRequested ignored -> {
                // a request, not a fact: the consumer's verdict arrives as a status change
            }
        }
    }
}
