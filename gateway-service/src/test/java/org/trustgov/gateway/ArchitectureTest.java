package org.trustgov.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.trustgov.test.ServiceArchitecture;

/** The shape the gateway keeps (see {@link ServiceArchitecture}; it has no domain types of its own). */
@AnalyzeClasses(packages = "org.trustgov.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresFreeOfCycles = ServiceArchitecture.featuresFreeOfCycles("org.trustgov.gateway");

    @ArchTest
    static final ArchRule controllersDoNotReachRepositories =
            ServiceArchitecture.controllersDoNotReachRepositories("org.trustgov.gateway");

    @ArchTest
    static final ArchRule featuresMeetThroughServices =
            ServiceArchitecture.featuresMeetThroughServices("org.trustgov.gateway");
}
