package org.excerptbot.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between modules, checked on the compiled main code of all of them: adapters use the core's ports
 * and models but never each other, never the core's storage or scheduling internals, and never the app; only the
 * app knows Logback. The app starts platforms through the core's platform port: only its factory wiring and the
 * configuration that builds each platform's settings name an adapter, and nothing in it names a platform library.
 */
class ModuleBoundariesTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.excerptbot");

    /** Where the app may name an adapter: the factory wiring, and the loader of each platform's settings. */
    private static final String[] APP_WIRING = {"org.excerptbot.app.platform..", "org.excerptbot.app.config.."};

    static final ArchRule APP_KNOWS_NO_PLATFORM_LIBRARY = noClasses()
            .that()
            .resideInAPackage("org.excerptbot.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.telegram..", "net.dv8tion..")
            .because("the app starts platforms through the PlatformAdapter port; the adapters own their libraries");

    static final ArchRule APP_NAMES_ADAPTERS_ONLY_IN_ITS_WIRING = noClasses()
            .that()
            .resideInAPackage("org.excerptbot.app..")
            .and()
            .resideOutsideOfPackages(APP_WIRING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.excerptbot.telegram..", "org.excerptbot.discord..")
            .because("Main and the rest of the app name no platform; Platforms lists the factories");

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

    @Test
    void the_app_knows_no_platform_library() {
        APP_KNOWS_NO_PLATFORM_LIBRARY.check(ALL);
    }

    @Test
    void the_app_names_adapters_only_in_its_wiring() {
        APP_NAMES_ADAPTERS_ONLY_IN_ITS_WIRING.check(ALL);
    }

    @Test
    void the_platform_rules_catch_a_violation() {
        JavaClasses offenders = new ClassFileImporter().importClasses(PlatformTypeInApp.class, AdapterInApp.class);
        assertThatThrownBy(() -> APP_KNOWS_NO_PLATFORM_LIBRARY.check(offenders))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlatformTypeInApp");
        assertThatThrownBy(() -> APP_NAMES_ADAPTERS_ONLY_IN_ITS_WIRING.check(offenders))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AdapterInApp");
    }

    /** A deliberate offender: a Telegram library type in the app. */
    static final class PlatformTypeInApp {
        org.telegram.telegrambots.meta.api.objects.Update update;
    }

    /** A deliberate offender: an adapter named outside the app's wiring. */
    static final class AdapterInApp {
        org.excerptbot.telegram.TelegramSettings settings;
    }
}
