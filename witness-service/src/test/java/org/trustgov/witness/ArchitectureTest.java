package org.trustgov.witness;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.trustgov.test.ServiceArchitecture;

/** The shape the service keeps (see {@link ServiceArchitecture}): checked on every build. */
@AnalyzeClasses(packages = "org.trustgov.witness", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresFreeOfCycles = ServiceArchitecture.featuresFreeOfCycles("org.trustgov.witness");

    @ArchTest
    static final ArchRule domainTypesIndependentOfWebAndFeign =
            ServiceArchitecture.domainTypesIndependentOfWebAndFeign("org.trustgov.witness");

    @ArchTest
    static final ArchRule controllersDoNotReachRepositories =
            ServiceArchitecture.controllersDoNotReachRepositories("org.trustgov.witness");

    @ArchTest
    static final ArchRule featuresMeetThroughServices =
            ServiceArchitecture.featuresMeetThroughServices("org.trustgov.witness");

    @ArchTest
    static final ArchRule featuresQueryOnlyTheirOwnDocuments =
            ServiceArchitecture.featuresQueryOnlyTheirOwnDocuments("org.trustgov.witness");
}
