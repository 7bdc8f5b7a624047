package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coffee.application.archfixture.LeakyService;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules can fail: a class that breaks one is caught. */
class ArchitectureRulesCatchViolationsTest {

    @Test
    void an_application_class_using_jackson_breaks_the_rules() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyService.class);

        AssertionError failure = assertThrows(AssertionError.class,
                () -> ArchitectureTest.APPLICATION_ONLY_ON_DOMAIN.check(leaky));

        assertTrue(failure.getMessage().contains("com.fasterxml.jackson"), failure.getMessage());
    }
}
