package org.trustgov.auditclient;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The audit service's client for the other services: it uses the libraries below it, never a service. */
class AuditClientBoundariesTest {

    @Test
    void itDependsOnlyOnTheLibrariesBelowIt() {
        classes()
                .that()
                .resideInAPackage("org.trustgov.auditclient..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("org.trustgov..")
                        .or(resideInAnyPackage(
                                "org.trustgov.auditclient..",
                                "org.trustgov.transparency..",
                                "org.trustgov.starter..",
                                "org.trustgov.keycloak..",
                                "org.trustgov.problem..")))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.trustgov.auditclient"));
    }
}
