package org.trustgov.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The few structural rules every service keeps, for its ArchUnit test. A service is {@code <root>.<feature>..}:
 * one package per feature ({@code org.trustgov.policy.versions}), and the rules say how features may lean on
 * each other.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {}

    /** Dependencies between features run one way: no feature depends, directly or round about, on itself. */
    public static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..")
                .namingSlices("feature $1")
                .should()
                .beFreeOfCycles()
                .because("dependencies between features must run one way");
    }

    /**
     * Domain types (MongoDB documents and their nested value types) do not know about the web or Feign: the rules
     * they hold do not depend on how they are reached.
     */
    public static ArchRule domainTypesIndependentOfWebAndFeign(String root) {
        return noClasses()
                .that(domainTypes(root))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "jakarta.servlet..",
                        "feign..",
                        "org.springframework.cloud.openfeign..",
                        "io.swagger..")
                .because("domain rules do not depend on the web, HTTP or Feign");
    }

    /** Controllers are thin: they call a feature's service, never a repository or the database directly. */
    public static ArchRule controllersDoNotReachRepositories(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Repository.class)
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.data.mongodb.core.MongoTemplate")
                .because("controllers are thin: what they need is a service's to do");
    }

    /**
     * A feature reaches another feature only through that feature's public service types and the types those
     * answer with, never its repositories or its controllers.
     */
    public static ArchRule featuresMeetThroughServices(String root) {
        return classes()
                .that()
                .resideInAPackage(root + ".(*)..")
                .should(
                        new ArchCondition<JavaClass>(
                                "reach other features only through their services, not their repositories or controllers") {
                            @Override
                            public void check(JavaClass origin, ConditionEvents events) {
                                String from = feature(root, origin);
                                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                                    JavaClass target = dependency.getTargetClass();
                                    String to = feature(root, target);
                                    if (from == null || to == null || from.equals(to)) {
                                        continue;
                                    }
                                    boolean repository = target.isAssignableTo(Repository.class);
                                    boolean controller = target.isAnnotatedWith(RestController.class);
                                    if (repository || controller) {
                                        events.add(SimpleConditionEvent.violated(
                                                dependency,
                                                from + " reaches into " + to + ": " + dependency.getDescription()));
                                    }
                                }
                            }
                        });
    }

    /**
     * Data boundaries held, not only imports: a class that queries the store ({@code MongoTemplate}) names only its
     * own feature's documents; another feature's data is read through the query types that feature exports.
     */
    public static ArchRule featuresQueryOnlyTheirOwnDocuments(String root) {
        return classes()
                .that()
                .resideInAPackage(root + ".(*)..")
                .should(new ArchCondition<JavaClass>("query the store only for their own feature's documents") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        String from = feature(root, origin);
                        boolean queries = origin.getDirectDependenciesFromSelf().stream()
                                .anyMatch(d -> d.getTargetClass()
                                        .getFullName()
                                        .equals("org.springframework.data.mongodb.core.MongoTemplate"));
                        if (from == null || !queries) {
                            return;
                        }
                        // A document type named as a class object ({@code Incident.class}) is what a query is made of.
                        for (var named : origin.getReferencedClassObjects()) {
                            JavaClass target = named.getRawType();
                            String to = feature(root, target);
                            if (to != null && !from.equals(to) && target.isAnnotatedWith(Document.class)) {
                                events.add(SimpleConditionEvent.violated(
                                        origin,
                                        from + " queries " + to + "'s documents: "
                                                + named.getOwner().getFullName() + " names " + target.getSimpleName()
                                                + ".class"));
                            }
                        }
                    }
                });
    }

    private static DescribedPredicate<JavaClass> domainTypes(String root) {
        return new DescribedPredicate<>("domain types (MongoDB documents and their nested types) of " + root) {
            @Override
            public boolean test(JavaClass javaClass) {
                if (!javaClass.getPackageName().startsWith(root + ".")) {
                    return false;
                }
                JavaClass outer = javaClass;
                while (outer.getEnclosingClass().isPresent()) {
                    outer = outer.getEnclosingClass().get();
                }
                return outer.isAnnotatedWith(Document.class);
            }
        };
    }

    /** The feature a class belongs to, or {@code null} for classes outside {@code root}'s features. */
    private static String feature(String root, JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        if (!pkg.startsWith(root + ".")) {
            return null;
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
