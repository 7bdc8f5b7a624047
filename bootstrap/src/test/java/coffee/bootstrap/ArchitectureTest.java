package coffee.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import coffee.adapter.cli.CoffeeCli;
import coffee.adapter.http.OrderApiServer;
import coffee.adapter.kafka.KafkaConnection;
import coffee.application.port.in.PlaceOrder;
import coffee.application.port.out.OrderPublisher;
import coffee.application.readmodel.InMemoryOrderRepository;
import coffee.application.service.PlaceOrderService;
import coffee.domain.Order;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The dependency rule of DESIGN.md, enforced. Package names come from real classes, so a
 * rename breaks this test instead of silently emptying a rule.
 */
class ArchitectureTest {

    static final String DOMAIN = Order.class.getPackageName();
    static final String APPLICATION = "coffee.application";
    static final String PORT_IN = PlaceOrder.class.getPackageName();
    static final String PORT_OUT = OrderPublisher.class.getPackageName();
    static final String SERVICES = PlaceOrderService.class.getPackageName();
    static final String READ_MODEL = InMemoryOrderRepository.class.getPackageName();
    static final String HTTP = OrderApiServer.class.getPackageName();
    static final String KAFKA = KafkaConnection.class.getPackageName();
    static final String CLI = CoffeeCli.class.getPackageName();
    static final String BOOTSTRAP = Main.class.getPackageName();

    private static JavaClasses production;

    /** Production classes only: test jars and test classes of every module are left out. */
    static final ImportOption PRODUCTION_ONLY = (Location location) ->
            !location.contains("/test-classes/") && !location.contains("-tests.jar");

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("coffee");
    }

    static final ArchRule DOMAIN_ONLY_ON_JDK = classes().that().resideInAPackage(DOMAIN + "..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN + "..", "java..")
            .as("the domain depends on nothing but the JDK");
    static final ArchRule APPLICATION_ONLY_ON_DOMAIN = classes().that().resideInAPackage(APPLICATION + "..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(APPLICATION + "..", DOMAIN + "..", "java..")
            .as("the application depends only on the domain and the JDK");
    static final ArchRule IN_PORTS_DO_NOT_KNOW_OUT_PORTS = noClasses().that().resideInAPackage(PORT_IN + "..")
            .should().dependOnClassesThat().resideInAPackage(PORT_OUT + "..")
            .as("in-ports do not know out-ports");
    static final ArchRule OUT_PORTS_DO_NOT_KNOW_IN_PORTS = noClasses().that().resideInAPackage(PORT_OUT + "..")
            .should().dependOnClassesThat().resideInAPackage(PORT_IN + "..")
            .as("out-ports do not know in-ports");
    static final ArchRule ADAPTERS_USE_PORTS = noClasses().that().resideInAnyPackage(HTTP + "..", KAFKA + "..", CLI + "..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVICES + "..", READ_MODEL + "..")
            .as("adapters use ports, never the services or the view behind them");
    static final ArchRule NOTHING_ON_BOOTSTRAP = noClasses().that().resideOutsideOfPackage(BOOTSTRAP + "..")
            .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP + "..")
            .as("nothing depends on bootstrap");
    static final ArchRule NO_CYCLES = slices().matching("coffee.(**)").should().beFreeOfCycles()
            .as("no package cycles");
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
            .as("no System.out or System.err: output goes through loggers or picocli's writers");

    /**
     * Every rule. Those that Maven's module dependencies already enforce (an adapter cannot see
     * another, nor a library it does not declare; nothing declares bootstrap) are kept as a
     * second line; the others each have a fixture that breaks them
     * ({@link ArchitectureRulesCatchViolationsTest}).
     */
    static List<ArchRule> rules() {
        return List.of(
                DOMAIN_ONLY_ON_JDK,
                APPLICATION_ONLY_ON_DOMAIN,
                IN_PORTS_DO_NOT_KNOW_OUT_PORTS,
                OUT_PORTS_DO_NOT_KNOW_IN_PORTS,
                adapterKeepsToItself(HTTP, KAFKA, CLI),
                adapterKeepsToItself(KAFKA, HTTP, CLI),
                adapterKeepsToItself(CLI, HTTP, KAFKA),
                ADAPTERS_USE_PORTS,
                NOTHING_ON_BOOTSTRAP,
                libraryStaysIn("io.helidon..", HTTP),
                libraryStaysIn("org.apache.kafka..", KAFKA),
                libraryStaysIn("kafka..", KAFKA),
                // the view's Kafka Streams (org.apache.kafka.streams, covered above) and its RocksDB
                libraryStaysIn("org.rocksdb..", KAFKA),
                libraryStaysIn("picocli..", CLI),
                NO_CYCLES,
                NO_STANDARD_STREAMS);
    }

    private static ArchRule adapterKeepsToItself(String adapter, String... others) {
        String[] packages = java.util.Arrays.stream(others).map(other -> other + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .as(adapter + " does not depend on another adapter");
    }

    private static ArchRule libraryStaysIn(String library, String adapter) {
        return noClasses().that().resideOutsideOfPackages(adapter + "..", BOOTSTRAP + "..")
                .should().dependOnClassesThat().resideInAPackage(library)
                .as(library + " types stay in " + adapter + " (and bootstrap)");
    }

    @Test
    void the_import_sees_every_layer() {
        for (String layer : List.of(DOMAIN, PORT_IN, PORT_OUT, SERVICES, READ_MODEL, HTTP, KAFKA, CLI, BOOTSTRAP)) {
            if (production.stream().noneMatch(c -> c.getPackageName().startsWith(layer))) {
                throw new AssertionError("no classes imported from " + layer + ": the rules would test nothing");
            }
        }
        if (production.stream().anyMatch(c -> c.getSimpleName().equals("OrderTestData"))) {
            throw new AssertionError("test classes leaked into the production import");
        }
    }

    /** One test per rule, so a change that breaks several hears of all of them at once. */
    @TestFactory
    Stream<DynamicTest> the_production_code_follows_every_rule() {
        return rules().stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }
}
