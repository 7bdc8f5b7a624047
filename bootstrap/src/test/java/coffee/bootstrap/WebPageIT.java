package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coffee.adapter.kafka.KafkaSettings;
import coffee.adapter.kafka.SharedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium, against the real producer and consumer roles (in
 * this JVM, wired as `coffee` wires them) and a real Kafka broker. Uses Debian's chromium and
 * chromedriver; where they are not installed the tests are skipped (CI installs them).
 */
class WebPageIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("coffee.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Dimension DESK = new Dimension(1280, 1000);
    private static final List<String> LIFECYCLE = List.of("pending", "processing", "completed");

    private static Path profile;
    private static ChromeDriverService service;
    private static ChromeDriver browser;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Map<String, String> settings;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("coffee-chromium-");
        // both paths given, so Selenium Manager has nothing to look up or download
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1000");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void isolatedTopics() {
        KafkaSettings kafka = SharedKafka.uniqueSettings();
        // a brew long enough for the page to show processing, short enough for a quick test
        settings = RoleSettings.isolated(kafka, 3, 300);
        browser.manage().window().setSize(DESK);
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of()); // the browser is shared
        } finally {
            while (!running.isEmpty()) {
                running.pop().close();
            }
        }
    }

    @Test
    void the_page_places_an_order_and_shows_it_completed() throws Exception {
        consumer();
        int port = producer();
        openPage(port);

        recordStatusChanges();
        pickDrink("Latte");
        browser.findElement(By.id("customer-name")).sendKeys("Ann");
        browser.findElement(By.id("place-order")).click();

        awaitText(By.id("order-status"), "completed");
        List<String> shown = shownStatuses();
        assertEquals(LIFECYCLE.stream().filter(shown::contains).toList(), shown, "forward, each once: " + shown);
        assertEquals("completed", shown.getLast());
        assertTrue(shown.contains("pending") || shown.contains("processing"), "shown before the end: " + shown);
        assertEquals("Latte", text(By.id("order-drink")));
        assertEquals("Ann", text(By.id("order-customer")));

        String id = text(By.id("order-id"));
        JsonNode order = new Http(port).get("/order/" + id).json();
        assertEquals("completed", order.get("status").asText(), "the page shows what the API knows");
        assertEquals("Ann", order.get("customer_name").asText());
        By listed = By.cssSelector("#recent-list li[data-order-id='" + id + "'] .badge");
        awaitText(listed, "completed");
        assertEquals(3, browser.findElements(By.cssSelector("#order-steps .step.done")).size(), "every step done");

        screenshot("web-page-completed.png");
    }

    @Test
    void the_page_follows_its_order_over_the_event_stream_without_asking_for_it_again() throws Exception {
        consumer();
        int port = producer();
        openPage(port);

        pickDrink("Cappuccino");
        browser.findElement(By.id("customer-name")).sendKeys("Gus" + Keys.ENTER);

        awaitText(By.id("order-status"), "completed");
        String id = text(By.id("order-id"));
        assertEquals("stream", browser.findElement(By.id("tracker")).getAttribute("data-updates"));
        assertFalse(requestsFor(id).contains("/order/" + id), "asked for the order: " + requestsFor(id));
        assertEquals(3, browser.findElements(By.cssSelector("#order-steps .step.done")).size(), "every step done");
    }

    @Test
    void where_the_event_stream_cannot_open_the_page_asks_for_the_order_instead() throws Exception {
        int port = producer();
        openPage(port);
        // a stream that cannot open: the server answers its request 404, as a proxy that knows no streams might
        script("window.EventSource = class extends EventSource { constructor(url) { super(url + '-nowhere'); } };");

        pickDrink("Macchiato");
        browser.findElement(By.id("customer-name")).sendKeys("Hal" + Keys.ENTER);

        awaitText(By.id("order-status"), "pending");
        String id = text(By.id("order-id"));
        new WebDriverWait(browser, PATIENCE).until(
                ExpectedConditions.attributeToBe(By.id("tracker"), "data-updates", "polling"));
        new WebDriverWait(browser, PATIENCE).until(page -> requestsFor(id).contains("/order/" + id));
    }

    @Test
    void an_order_placed_with_the_keyboard_alone_completes_on_a_phone_sized_screen() throws Exception {
        consumer();
        int port = producer();
        emulatePhone();
        openPage(port);

        press(Keys.TAB);
        assertEquals("skip-link", focused().getAttribute("class"));
        press(Keys.ENTER);
        assertEquals("customer-name", focused().getAttribute("id"), "the skip link leads to the form");
        focused().sendKeys("Bob");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("radio", focused().getAttribute("type"), "back into the drinks");
        press(Keys.SPACE);
        String drink = focused().getAttribute("value");
        press(Keys.TAB);
        assertEquals("customer-name", focused().getAttribute("id"));
        press(Keys.ENTER);

        awaitText(By.id("order-status"), "completed");
        assertEquals(drink, text(By.id("order-drink")));
        assertEquals("Bob", text(By.id("order-customer")));
        long pageWidth = (Long) script("return document.documentElement.scrollWidth;");
        long viewportWidth = (Long) script("return window.innerWidth;");
        assertTrue(pageWidth <= viewportWidth, "no sideways scrolling: page " + pageWidth + " px, window " + viewportWidth);
        script("document.getElementById('tracker').scrollIntoView({block: 'center'});");
        screenshot("web-page-phone.png");
    }

    @Test
    void an_order_waiting_in_the_queue_is_cancelled_from_the_page() throws Exception {
        // one barista, one partition, a long brew: the page's order waits behind the first one
        settings.put("consumer.concurrency", "1");
        settings.put("kafka.partitions", "1");
        settings.put("brew.time_ms", "3000");
        consumer();
        int port = producer();
        Http api = new Http(port);
        String first = api.placed("Regular", "Espresso");
        api.awaitStatus(first, "processing", PATIENCE);
        openPage(port);

        pickDrink("Mocha");
        browser.findElement(By.id("customer-name")).sendKeys("Cy");
        browser.findElement(By.id("place-order")).click();
        awaitText(By.id("order-status"), "pending");
        browser.findElement(By.id("cancel-order")).click();

        awaitText(By.id("order-status"), "cancelled");
        assertTrue(text(By.id("cancel-result")).startsWith("Order cancelled"), text(By.id("cancel-result")));
        assertEquals("cancel-result", focused().getAttribute("id"), "focus moves to the answer");
        assertTrue(!browser.findElement(By.id("cancel-order")).isDisplayed(), "nothing left to cancel");
        assertEquals("cancelled", api.statusOf(text(By.id("order-id"))));
    }

    @Test
    void a_cancel_without_a_consumer_is_shown_as_requested() throws Exception {
        settings.put("cancel.timeout_ms", "300");
        int port = producer();
        openPage(port);

        pickDrink("Espresso");
        browser.findElement(By.id("customer-name")).sendKeys("Dee");
        browser.findElement(By.id("place-order")).click();
        awaitText(By.id("order-status"), "pending");
        browser.findElement(By.id("cancel-order")).click();

        awaitVisible(By.id("cancel-result"));
        assertTrue(text(By.id("cancel-result")).startsWith("Cancellation requested"), text(By.id("cancel-result")));
        assertEquals("pending", text(By.id("order-status")), "cancelled only once a consumer agrees");
    }

    @Test
    void an_order_the_api_refuses_is_explained_next_to_the_field_at_fault() throws Exception {
        int port = producer();
        openPage(port);

        pickDrink("Latte");
        browser.findElement(By.id("customer-name")).sendKeys("   " + Keys.ENTER);

        awaitVisible(By.id("customer-name-error"));
        assertEquals("customer_name must not be empty", text(By.id("customer-name-error")));
        assertEquals("true", browser.findElement(By.id("customer-name")).getAttribute("aria-invalid"));
        assertEquals("customer-name", focused().getAttribute("id"), "focus goes to the field at fault");

        browser.navigate().refresh();
        awaitVisible(By.id("drink-latte"), false);
        browser.findElement(By.id("customer-name")).sendKeys("Eve" + Keys.ENTER);

        awaitVisible(By.id("drinks-error"));
        assertEquals("coffee_type is required", text(By.id("drinks-error")));
        assertTrue(browser.findElement(By.id("drinks")).getAttribute("class").contains("invalid"));
        assertEquals(0, new Http(port).get("/orders").json().size(), "nothing was placed");
    }

    @Test
    void a_server_that_asks_for_an_api_key_gets_it_as_a_bearer_token() throws Exception {
        int port = producer();
        openPage(port);
        // the server has no API key yet: stand in for one that answers 401 until it is given "s3cret"
        script("""
                const realFetch = window.fetch;
                window.sentAuthorization = [];
                window.fetch = (path, init = {}) => {
                  if ((init.method || 'GET') === 'GET') return realFetch(path, init);
                  const auth = (init.headers || {}).Authorization || null;
                  window.sentAuthorization.push(auth);
                  if (auth === 'Bearer s3cret') return realFetch(path, init);
                  return Promise.resolve(new Response(
                      JSON.stringify({error: 'API key required', request_id: 'r-1'}),
                      {status: 401, headers: {'Content-Type': 'application/json'}}));
                };
                """);

        pickDrink("Americano");
        browser.findElement(By.id("customer-name")).sendKeys("Flo" + Keys.ENTER);

        awaitVisible(By.id("api-key-panel"));
        assertTrue(text(By.id("form-error")).contains("API key"), text(By.id("form-error")));
        assertEquals("api-key", focused().getAttribute("id"), "focus goes to the key field");
        focused().sendKeys("s3cret" + Keys.ENTER);
        assertEquals("s3cret", script("return sessionStorage.getItem('coffee.apiKey');"));
        browser.findElement(By.id("place-order")).click();

        awaitText(By.id("order-status"), "pending");
        assertEquals(List.of("null", "Bearer s3cret"),
                ((List<?>) script("return window.sentAuthorization;")).stream().map(String::valueOf).toList());
        assertEquals(1, new Http(port).get("/orders").json().size(), "one order, once the key was given");
    }

    @Test
    void the_board_shows_the_orders_there_are_then_a_new_one_and_its_completion_without_a_reload() throws Exception {
        consumer();
        int port = producer();
        Http api = new Http(port);
        String earlier = api.placed("Ida", "Espresso");
        api.awaitStatus(earlier, "completed", PATIENCE);

        browser.get("http://127.0.0.1:" + port + "/board");
        script("""
                window.sameBoard = true; // gone if the page were loaded again
                window.lanesShown = [];  // every ticket put up, with its lane: "<id> <lane>"
                new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => {
                  if (node.dataset && node.dataset.orderId) {
                    window.lanesShown.push(node.dataset.orderId + ' ' + change.target.id);
                  }
                }))).observe(document.getElementById('board'), {childList: true, subtree: true});
                """);
        awaitText(By.id("board-connection"), "Live");
        awaitVisible(ticket("board-ready", earlier));
        assertEquals("Ida", text(By.cssSelector(ticketCss("board-ready", earlier) + " .ticket-name")));

        String placed = api.placed("Jo", "Flat White");
        awaitVisible(By.cssSelector("#board li[data-order-id='" + placed + "']"));
        awaitVisible(ticket("board-ready", placed));

        assertEquals("Jo", text(By.cssSelector(ticketCss("board-ready", placed) + " .ticket-name")));
        assertEquals("Flat White", text(By.cssSelector(ticketCss("board-ready", placed) + " .ticket-drink")));
        assertEquals(1, browser.findElements(By.cssSelector("#board li[data-order-id='" + placed + "']")).size(),
                "in one lane only");
        assertEquals(Boolean.TRUE, script("return window.sameBoard === true;"), "no reload");
        List<String> lanes = lanesShown(placed);
        assertEquals("board-ready", lanes.getLast(), "lanes: " + lanes);
        assertTrue(lanes.size() > 1 && List.of("board-waiting", "board-brewing").containsAll(lanes.subList(0, lanes.size() - 1)),
                "waiting or brewing before ready: " + lanes);
        assertEquals("2", text(By.id("ready-count")));
        screenshot("board-desk.png");
        emulatePhone();
        long pageWidth = (Long) script("return document.documentElement.scrollWidth;");
        long viewportWidth = (Long) script("return window.innerWidth;");
        assertTrue(pageWidth <= viewportWidth, "no sideways scrolling: page " + pageWidth + " px, window " + viewportWidth);
        screenshot("board-phone.png");
    }

    // --- the roles, as OrderLifecycleIT starts them

    private Configuration config() {
        return Configuration.load(settings, Map.of());
    }

    private int producer() throws InterruptedException {
        Configuration config = config();
        ProducerRole producer = ProducerRole.start(config, AdapterSettings.kafka(config));
        // it takes orders at once, and answers reads once its view is restored
        assertTrue(producer.awaitReadyForReads(Duration.ofSeconds(60)), "the view of orders became ready");
        running.push(producer);
        return producer.port();
    }

    private void consumer() throws InterruptedException {
        Configuration config = config();
        running.push(ConsumerRole.start(config, AdapterSettings.kafka(config), false));
    }

    // --- the page

    /** A phone's screen, 375 by 740 CSS pixels, as the page sees it (a mobile viewport, not a small window). */
    private void emulatePhone() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 740, "deviceScaleFactor", 2, "mobile", true));
    }

    private void openPage(int port) {
        browser.get("http://127.0.0.1:" + port + "/");
        awaitVisible(By.id("drink-latte"), false);
    }

    private static By ticket(String lane, String id) {
        return By.cssSelector(ticketCss(lane, id));
    }

    private static String ticketCss(String lane, String id) {
        return "#" + lane + " li[data-order-id='" + id + "']";
    }

    /** Clicks the drink's tile: its label (the radio itself is transparent, behind it). */
    private void pickDrink(String name) {
        String id = "drink-" + name.toLowerCase().replace(' ', '-');
        browser.findElement(By.cssSelector("label[for='" + id + "']")).click();
        assertTrue(browser.findElement(By.id(id)).isSelected(), name + " is picked");
    }

    /** Every text the status badge shows from now on, as it changes: nothing between two polls is lost. */
    private void recordStatusChanges() {
        script("""
                window.shownStatuses = [];
                const badge = document.getElementById('order-status');
                new MutationObserver(() => {
                  const status = badge.textContent;
                  if (status && window.shownStatuses[window.shownStatuses.length - 1] !== status) {
                    window.shownStatuses.push(status);
                  }
                }).observe(badge, {childList: true, characterData: true, subtree: true});
                """);
    }

    /** The lanes the board put the order's ticket in, in turn (each once while it stayed there). */
    private List<String> lanesShown(String id) {
        List<String> lanes = new ArrayList<>();
        for (Object shown : (List<?>) script("return window.lanesShown;")) {
            String[] idAndLane = String.valueOf(shown).split(" ");
            if (idAndLane[0].equals(id) && (lanes.isEmpty() || !lanes.getLast().equals(idAndLane[1]))) {
                lanes.add(idAndLane[1]);
            }
        }
        return lanes;
    }

    /** The paths of the page's requests about this order so far (the browser's resource timing). */
    private List<String> requestsFor(String id) {
        Object paths = ((JavascriptExecutor) browser).executeScript("""
                return performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)
                    .filter((path) => path.includes(arguments[0]));
                """, id);
        return ((List<?>) paths).stream().map(String::valueOf).distinct().toList();
    }

    private List<String> shownStatuses() {
        return ((List<?>) script("return window.shownStatuses;")).stream().map(String::valueOf).toList();
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void press(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private WebElement focused() {
        return browser.switchTo().activeElement();
    }

    private String text(By locator) {
        return browser.findElement(locator).getText().strip();
    }

    private void awaitText(By locator, String wanted) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBe(locator, wanted));
    }

    private void awaitVisible(By locator) {
        awaitVisible(locator, true);
    }

    /** Waits for the element; a transparent radio counts as there once it is in the page. */
    private void awaitVisible(By locator, boolean mustBeDisplayed) {
        new WebDriverWait(browser, PATIENCE).until(mustBeDisplayed
                ? ExpectedConditions.visibilityOfElementLocated(locator)
                : ExpectedConditions.presenceOfElementLocated(locator));
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
