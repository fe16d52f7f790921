package org.trustgov.policy.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.resources.ResourceRequest;
import org.trustgov.policy.resources.ResourceService;
import org.trustgov.policy.resources.Topic;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.NewVersionRequest;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionService;

/**
 * Local runs only ({@code trustgov.policy.seed-demo-data=true}, set by deploy/local/start.sh): on a database
 * without SM-001, writes the trust's social media policy through the real lifecycle (drafted by the demo policy
 * author, approved and published by the demo governance lead) and a few signposting resources.
 */
@Component
@ConditionalOnProperty(prefix = "trustgov.policy", name = "seed-demo-data", havingValue = "true")
class DemoDataSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    static final String CODE = "SM-001";

    private static final Caller AUTHOR = new Caller(
            "demo-author",
            "jordan.author",
            "10000003",
            "Communications",
            Set.of("staff", "policy-author"),
            "demo-seed",
            false);
    private static final Caller GOVERNANCE = new Caller(
            "demo-governance",
            "morgan.governance",
            "10000004",
            "Clinical Governance",
            Set.of("staff", "governance"),
            "demo-seed",
            false);

    private final PolicyService policies;
    private final VersionService versions;
    private final ResourceService resources;

    DemoDataSeeder(PolicyService policies, VersionService versions, ResourceService resources) {
        this.policies = policies;
        this.versions = versions;
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (policies.find(CODE).isPresent()) {
            return;
        }
        try {
            policies.create(
                    new PolicyRequest(
                            CODE,
                            "Social media policy",
                            "Director of Communications",
                            "Policy Approval Group",
                            List.of(
                                    "NMC Code",
                                    "GMC Good medical practice",
                                    "HCPC Standards of conduct, performance and ethics",
                                    "NHS Employers social media guidance"),
                            List.of("All staff", "Bank and agency staff", "Volunteers", "Students on placement"),
                            List.of("social media", "confidentiality", "professional boundaries")),
                    AUTHOR);
            versions.createDraft(
                    CODE,
                    new NewVersionRequest(
                            "1.0",
                            new VersionContent(
                                    clauses(),
                                    "First issue of the trust's social media policy",
                                    LocalDate.of(2026, 1, 1),
                                    null)),
                    AUTHOR);
            versions.submitForReview(CODE, "1.0", AUTHOR);
            versions.approve(CODE, "1.0", GOVERNANCE);
            versions.publish(CODE, "1.0", GOVERNANCE);
            resources().forEach(r -> resources.create(r, GOVERNANCE, null));
            log.info(
                    "Seeded demo policy {} v1.0 and {} signposting resources",
                    CODE,
                    resources().size());
        } catch (DuplicateKeyException anotherInstanceSeeded) {
            log.info("Demo data was seeded by another instance");
        }
    }

    static List<Clause> clauses() {
        return List.of(
                new Clause(
                        "1.1",
                        "Purpose",
                        "This policy sets out how everyone who works for the trust uses social media, in a personal "
                                + "or a work capacity, so that patients' privacy and dignity are protected and the public "
                                + "can keep its trust in our services."),
                new Clause(
                        "1.2",
                        "Who it applies to",
                        "It applies to all employees, bank and agency workers, volunteers, contractors and students "
                                + "on placement, on any platform, at any time, including outside working hours and on "
                                + "personal devices."),
                new Clause(
                        "2.1",
                        "Professional codes",
                        "Registered professionals must also follow their regulator's guidance on social media (NMC, "
                                + "GMC, HCPC). Where that guidance is stricter than this policy, the stricter rule applies."),
                new Clause(
                        "3.1",
                        "Confidentiality",
                        "Never share information about patients, service users or their families online, even if you "
                                + "leave out names. Details such as a ward, a date or an unusual condition can be enough "
                                + "to identify someone."),
                new Clause(
                        "3.2",
                        "Colleagues' information",
                        "Do not post personal information about colleagues, rotas, staffing levels or internal "
                                + "matters that have not been made public by the trust."),
                new Clause(
                        "4.1",
                        "Photographs and video on trust premises",
                        "Do not take photographs, video or audio recordings in clinical areas on a personal device. "
                                + "A picture of a ward, a whiteboard or a corridor can capture patients or their records."),
                new Clause(
                        "4.2",
                        "Images of patients",
                        "Images of patients are taken only for care or with documented consent, on trust equipment, "
                                + "and are never posted on personal accounts. Consent for one use is not consent to post "
                                + "online."),
                new Clause(
                        "5.1",
                        "Professional boundaries",
                        "Do not send or accept friend or follow requests from patients, service users or their "
                                + "relatives you have met through work, and do not contact them through personal "
                                + "accounts or messaging apps."),
                new Clause(
                        "5.2",
                        "When a patient makes contact",
                        "If a patient or relative contacts you online, do not reply from your personal account. "
                                + "Tell your line manager and point them to the trust's official contact routes."),
                new Clause(
                        "6.1",
                        "Personal and professional profiles",
                        "Keep personal profiles separate from any profile you use for work. Check privacy settings "
                                + "regularly and assume that anything you post can be copied and shared widely."),
                new Clause(
                        "6.2",
                        "Identifying yourself as a member of staff",
                        "If you say online that you work for the trust, make clear that the views you express are "
                                + "your own, and behave in a way that would not bring your profession or the trust into "
                                + "disrepute."),
                new Clause(
                        "7.1",
                        "Bullying and harassment",
                        "Online bullying, harassment or discriminatory comments about colleagues, patients or the "
                                + "public are treated in the same way as they would be in person, under the trust's "
                                + "dignity at work policy."),
                new Clause(
                        "7.2",
                        "Raising concerns",
                        "Social media is not the place to raise concerns about care. Use the trust's Freedom to Speak "
                                + "Up routes, your line manager or your professional body, which protect you and the "
                                + "people involved."),
                new Clause(
                        "8.1",
                        "Health information",
                        "Do not give individual clinical advice online. When you share health information, use "
                                + "reliable sources and do not promote products or treatments."),
                new Clause(
                        "8.2",
                        "Supporting recovery and signposting",
                        "Social media can help service users with recovery and peer support. When a service user "
                                + "asks, point them to the trust's approved resources rather than to your own accounts "
                                + "or unmoderated groups."),
                new Clause(
                        "9.1",
                        "Breaches",
                        "A breach of this policy may lead to action under the trust's disciplinary policy and, for "
                                + "registered staff, referral to their regulator. If you see a breach, report it to your "
                                + "line manager or the governance team."));
    }

    static List<ResourceRequest> resources() {
        LocalDate review = LocalDate.of(2027, 6, 30);
        return List.of(
                new ResourceRequest(
                        "NHS mental health services",
                        "https://www.nhs.uk/mental-health/",
                        "NHS information on mental health conditions, self-help and how to find support.",
                        Topic.HEALTH_INFORMATION,
                        List.of("service users", "carers"),
                        review,
                        List.of()),
                new ResourceRequest(
                        "Every Mind Matters",
                        "https://www.nhs.uk/every-mind-matters/",
                        "Practical NHS advice and a personalised plan for looking after mental wellbeing.",
                        Topic.HEALTH_INFORMATION,
                        List.of("service users", "staff"),
                        review,
                        List.of()),
                new ResourceRequest(
                        "Samaritans",
                        "https://www.samaritans.org/",
                        "Round-the-clock listening support for anyone who is struggling to cope.",
                        Topic.CRISIS_AND_URGENT_HELP,
                        List.of("service users", "carers", "staff"),
                        review,
                        List.of()),
                new ResourceRequest(
                        "NHS 111 online",
                        "https://111.nhs.uk/",
                        "Reliable urgent health advice when it is not an emergency.",
                        Topic.CRISIS_AND_URGENT_HELP,
                        List.of("service users", "carers"),
                        review,
                        List.of()),
                new ResourceRequest(
                        "Side by Side (Mind)",
                        "https://www.mind.org.uk/information-support/side-by-side-our-online-community/",
                        "Mind's moderated online community where people with experience of mental health problems support each other.",
                        Topic.PEER_SUPPORT,
                        List.of("service users", "carers"),
                        review,
                        List.of()),
                new ResourceRequest(
                        "NMC guidance on using social media responsibly",
                        "https://www.nmc.org.uk/standards/guidance/social-media-guidance/",
                        "The Nursing and Midwifery Council's guidance for nurses, midwives and nursing associates on social media.",
                        Topic.PROFESSIONAL_GUIDANCE,
                        List.of("staff"),
                        review,
                        List.of()));
    }
}
