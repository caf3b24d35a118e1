package org.excerptbot.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The rules of the hexagon: the core knows no platform, and each library stays in its own package. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.excerptbot.core");

    static final ArchRule CORE_KNOWS_NO_PLATFORM = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.telegram..", "net.dv8tion..")
            .because("bot-core defines ports; the adapters implement them");

    static final ArchRule ONLY_SCHEDULE_USES_QUARTZ = noClasses()
            .that()
            .resideOutsideOfPackage("org.excerptbot.core.schedule..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.quartz..")
            .because("Quartz is an implementation detail of scheduling");

    static final ArchRule ONLY_SEARCH_USES_LUCENE = noClasses()
            .that()
            .resideOutsideOfPackage("org.excerptbot.core.search..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.lucene..")
            .because("Lucene sits behind the SearchIndex interface");

    static final ArchRule COMMANDS_KNOW_NO_STORAGE = noClasses()
            .that()
            .resideInAPackage("org.excerptbot.core.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer..")
            .because("commands reach storage only through ports");

    @Test
    void core_knows_no_platform() {
        CORE_KNOWS_NO_PLATFORM.check(CORE);
    }

    @Test
    void only_schedule_uses_quartz() {
        ONLY_SCHEDULE_USES_QUARTZ.check(CORE);
    }

    @Test
    void only_search_uses_lucene() {
        ONLY_SEARCH_USES_LUCENE.check(CORE);
    }

    @Test
    void commands_know_no_storage() {
        COMMANDS_KNOW_NO_STORAGE.check(CORE);
    }

    @Test
    void the_rules_catch_a_violation() {
        JavaClasses offender = new ClassFileImporter().importClasses(QuartzOutsideSchedule.class);
        assertThatThrownBy(() -> ONLY_SCHEDULE_USES_QUARTZ.check(offender)).isInstanceOf(AssertionError.class);
    }

    /** A deliberate offender: Quartz outside the schedule package. */
    static final class QuartzOutsideSchedule {
        org.quartz.JobKey key = org.quartz.JobKey.jobKey("x");
    }
}
