package org.excerptbot.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between modules, checked on the compiled main code of all of them: adapters use the core's ports
 * and models but never each other, never the core's storage or scheduling internals, and never the app; only the
 * app knows Logback.
 */
class ModuleBoundariesTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.excerptbot");

    private static final String[] CORE_INTERNALS = {"org.excerptbot.core.store..", "org.excerptbot.core.schedule.."};

    @Test
    void the_adapters_do_not_know_each_other() {
        noClasses()
                .that()
                .resideInAPackage("org.excerptbot.telegram..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.excerptbot.discord..")
                .check(ALL);
        noClasses()
                .that()
                .resideInAPackage("org.excerptbot.discord..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.excerptbot.telegram..")
                .check(ALL);
    }

    @Test
    void the_adapters_reach_storage_and_scheduling_only_through_ports() {
        noClasses()
                .that()
                .resideInAnyPackage("org.excerptbot.telegram..", "org.excerptbot.discord..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CORE_INTERNALS)
                .check(ALL);
    }

    @Test
    void nothing_below_the_app_knows_the_app() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.excerptbot.core..",
                        "org.excerptbot.telegram..",
                        "org.excerptbot.discord..",
                        "org.excerptbot.content..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.excerptbot.app..")
                .check(ALL);
    }

    @Test
    void the_core_knows_no_adapter() {
        noClasses()
                .that()
                .resideInAPackage("org.excerptbot.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.excerptbot.telegram..", "org.excerptbot.discord..")
                .check(ALL);
    }

    @Test
    void only_the_app_knows_logback() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.excerptbot.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ch.qos.logback..")
                .check(ALL);
    }
}
