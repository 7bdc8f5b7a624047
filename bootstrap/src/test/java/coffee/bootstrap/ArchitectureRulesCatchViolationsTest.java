package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.adapter.http.archfixture.HandlerCallingTheService;
import coffee.application.archfixture.LeakyService;
import coffee.application.port.in.archfixture.InPortThatPublishes;
import coffee.application.port.out.archfixture.OutPortThatPlaces;
import coffee.archfixture.Shouting;
import coffee.archfixture.cycle.one.One;
import coffee.archfixture.cycle.two.Two;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: for each rule that Maven's module dependencies do not already enforce, a
 * class that breaks it (test sources only, never in the production import) is caught, and the
 * message names what it did.
 */
class ArchitectureRulesCatchViolationsTest {

    private static void assertCaught(ArchRule rule, String named, Class<?>... breaking) {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> rule.check(new ClassFileImporter().importClasses(breaking)), rule.getDescription());
        assertTrue(failure.getMessage().contains(named), failure.getMessage());
    }

    @Test
    void an_application_class_using_jackson_breaks_the_rules() {
        assertCaught(ArchitectureTest.APPLICATION_ONLY_ON_DOMAIN, "com.fasterxml.jackson", LeakyService.class);
    }

    @Test
    void an_in_port_that_knows_an_out_port() {
        assertCaught(ArchitectureTest.IN_PORTS_DO_NOT_KNOW_OUT_PORTS, "OrderPublisher", InPortThatPublishes.class);
    }

    @Test
    void an_out_port_that_knows_an_in_port() {
        assertCaught(ArchitectureTest.OUT_PORTS_DO_NOT_KNOW_IN_PORTS, "PlaceOrder", OutPortThatPlaces.class);
    }

    @Test
    void an_adapter_that_calls_the_service_behind_a_port() {
        assertCaught(ArchitectureTest.ADAPTERS_USE_PORTS, "PlaceOrderService", HandlerCallingTheService.class);
    }

    @Test
    void two_packages_that_need_each_other() {
        assertCaught(ArchitectureTest.NO_CYCLES, "Cycle", One.class, Two.class);
    }

    @Test
    void a_class_that_prints_to_the_console() {
        assertCaught(ArchitectureTest.NO_STANDARD_STREAMS, "System.out", Shouting.class);
    }
}
