package coffee.application.readmodel;

import coffee.domain.CustomerName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customer names, each spelling stored once and numbered as first seen, so that a row refers to
 * its customer by number. Spellings, not search keys: "Ann" and "ANN" are two numbers, and an
 * order gives back the name as it was placed.
 *
 * <p>Not thread-safe: the repository serializes writes.
 */
final class CustomerNames {

    private final List<CustomerName> names = new ArrayList<>();
    private final Map<String, Integer> numbers = new HashMap<>();

    /** The number of this spelling, a new one the first time it is seen. */
    int numberOf(CustomerName name) {
        return numbers.computeIfAbsent(name.value(), spelling -> {
            names.add(name);
            return names.size() - 1;
        });
    }

    CustomerName name(int number) {
        return names.get(number);
    }
}
