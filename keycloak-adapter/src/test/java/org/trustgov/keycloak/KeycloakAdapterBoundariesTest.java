package org.trustgov.keycloak;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter is about tokens only: it uses no other part of the platform but the problem bodies. */
class KeycloakAdapterBoundariesTest {

    @Test
    void itDependsOnlyOnTheLibrariesBelowIt() {
        classes()
                .that()
                .resideInAPackage("org.trustgov.keycloak..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("org.trustgov..")
                        .or(resideInAnyPackage("org.trustgov.keycloak..", "org.trustgov.problem..")))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.trustgov.keycloak"));
    }
}
