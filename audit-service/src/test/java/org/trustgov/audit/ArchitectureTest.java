package org.trustgov.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.trustgov.test.ServiceArchitecture;

/** The shape the service keeps (see {@link ServiceArchitecture}): checked on every build. */
@AnalyzeClasses(packages = "org.trustgov.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresFreeOfCycles = ServiceArchitecture.featuresFreeOfCycles("org.trustgov.audit");

    @ArchTest
    static final ArchRule domainTypesIndependentOfWebAndFeign =
            ServiceArchitecture.domainTypesIndependentOfWebAndFeign("org.trustgov.audit");

    @ArchTest
    static final ArchRule controllersDoNotReachRepositories =
            ServiceArchitecture.controllersDoNotReachRepositories("org.trustgov.audit");

    @ArchTest
    static final ArchRule featuresMeetThroughServices =
            ServiceArchitecture.featuresMeetThroughServices("org.trustgov.audit");

    @ArchTest
    static final ArchRule featuresQueryOnlyTheirOwnDocuments =
            ServiceArchitecture.featuresQueryOnlyTheirOwnDocuments("org.trustgov.audit");

    /**
     * The log split by job, one way: the chain (entries, appends, verification) knows nothing of the tree, the
     * tree nothing of checkpoints, checkpoints nothing of the evidence exports are made of.
     */
    @ArchTest
    static final ArchRule theLogsJobsDependOneWay = com.tngtech.archunit.library.Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("chain")
            .definedBy("org.trustgov.audit.log.chain..")
            .layer("tree")
            .definedBy("org.trustgov.audit.log.tree..")
            .layer("checkpoints")
            .definedBy("org.trustgov.audit.log.checkpoints..")
            .layer("evidence")
            .definedBy("org.trustgov.audit.log.evidence..")
            .whereLayer("evidence")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("checkpoints")
            .mayOnlyBeAccessedByLayers("evidence")
            .whereLayer("tree")
            .mayOnlyBeAccessedByLayers("checkpoints", "evidence");
}
