package coffee.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coffee.domain.Drink;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MenuHttpService}, in the routing production serves: the drinks at {@code /menu}. */
@RoutingTest
class MenuHttpServiceTest {

    private static final InMemoryBackend BACKEND = new InMemoryBackend();
    private final DirectClient client;

    MenuHttpServiceTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        BACKEND.routing(routing, HttpSettings.defaults());
    }

    @Test
    void the_menu_lists_every_drink_with_its_description() {
        Answer answer = Answer.of(client.get("/menu").request());

        assertEquals(200, answer.status(), answer::toString);
        List<String> names = new ArrayList<>();
        for (JsonNode drink : answer.json().get("drinks")) {
            names.add(drink.get("name").asText());
            assertEquals(Drink.of(drink.get("name").asText()).description(), drink.get("description").asText());
        }
        assertEquals(Arrays.stream(Drink.values()).map(Drink::displayName).toList(), names);
    }

    @Test
    void head_answers_as_get_without_the_body() {
        Answer get = Answer.of(client.get("/menu").request());
        Answer head = Answer.headersOf(client.head("/menu").request());

        assertEquals(200, get.status(), get::toString);
        head.assertHeadOf(get);
    }

    @Test
    void the_menu_cannot_be_changed_405() {
        Answer answer = Answer.of(client.put("/menu").submit("{}"));

        answer.assertProblem(405, "Method PUT is not allowed here; use GET or HEAD");
        assertEquals(Optional.of("GET, HEAD, OPTIONS"), answer.header("Allow"));
    }
}
