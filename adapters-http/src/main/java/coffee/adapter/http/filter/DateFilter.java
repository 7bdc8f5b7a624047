package coffee.adapter.http.filter;

import coffee.adapter.http.support.HttpDates;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Dates every response as HTTP says ({@code Date: Tue, 01 Dec 2026 09:05:03 GMT}): Helidon
 * writes its own {@code Date} only when a response has none, and writes it with a one-digit day
 * and in the machine's time zone ({@link HttpDates}).
 */
final class DateFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(HeaderNames.DATE, HttpDates.now());
        chain.proceed();
    }
}
