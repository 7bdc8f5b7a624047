package coffee.adapter.http;

import coffee.adapter.http.support.Json;
import coffee.domain.Drink;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;

/** The menu: the drinks {@code coffee_type} accepts. */
final class MenuHttpService implements HttpService {

    private static final byte[] MENU = Json.bytes(new Menu(Arrays.stream(Drink.values())
            .map(drink -> new MenuItem(drink.displayName(), drink.description()))
            .toList()));

    record Menu(@JsonProperty("drinks") List<MenuItem> drinks) {
    }

    record MenuItem(@JsonProperty("name") String name, @JsonProperty("description") String description) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/menu", this::menu)
                .head("/menu", HeadAsGet.handler(this::menu))
                .any("/menu", Routes.onlyAllow("GET", "HEAD"));
    }

    private void menu(ServerRequest req, ServerResponse res) {
        Json.sendEncoded(res, Status.OK_200, MENU);
    }
}
