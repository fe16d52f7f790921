package org.trustgov.starter;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.trustgov.transparency.CanonicalHash;

/**
 * The starter is what every service needs: it knows the token adapter and the problem bodies, and of the transparency
 * library only its canonical hash (an Idempotency-Key's sending is kept as the hash of its RFC 8785 form); never the
 * audit client, the transparency log or a service.
 */
class ServiceStarterBoundariesTest {

    @Test
    void itDependsOnlyOnTheLibrariesBelowIt() {
        classes()
                .that()
                .resideInAPackage("org.trustgov.starter..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("org.trustgov..")
                        .or(resideInAnyPackage(
                                "org.trustgov.starter..", "org.trustgov.keycloak..", "org.trustgov.problem.."))
                        .or(JavaClass.Predicates.equivalentTo(CanonicalHash.class)))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.trustgov.starter"));
    }
}
