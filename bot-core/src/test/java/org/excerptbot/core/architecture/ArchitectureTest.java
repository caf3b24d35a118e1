package org.excerptbot.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of the hexagon: the core knows no platform, and each library stays in its own package. */
@AnalyzeClasses(packages = "org.excerptbot.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_knows_no_platform = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.telegram..", "net.dv8tion..")
            .because("bot-core defines ports; the adapters implement them");

    @ArchTest
    static final ArchRule only_schedule_uses_quartz = noClasses()
            .that()
            .resideOutsideOfPackage("org.excerptbot.core.schedule..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.quartz..")
            .because("Quartz is an implementation detail of scheduling");

    @ArchTest
    static final ArchRule only_search_uses_lucene = noClasses()
            .that()
            .resideOutsideOfPackage("org.excerptbot.core.search..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.lucene..")
            .because("Lucene sits behind the SearchIndex interface");

    @ArchTest
    static final ArchRule commands_know_no_storage = noClasses()
            .that()
            .resideInAPackage("org.excerptbot.core.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer..")
            .because("commands reach storage only through ports");
}
