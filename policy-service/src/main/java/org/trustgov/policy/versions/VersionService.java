package org.trustgov.policy.versions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.trustgov.auditclient.AuditEvent;
import org.trustgov.auditclient.AuditOutbox;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.PolicySettings;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.policies.PublishedVersionSwitch;
import org.trustgov.problem.ConflictException;
import org.trustgov.problem.NotFoundException;

@Service
public class VersionService {

    private final PolicyService policies;
    private final VersionRepository versions;
    private final OpenComments comments;
    private final PublishedVersionSwitch publishedSwitch;
    private final PolicySettings settings;
    private final AuditOutbox audit;
    private final Clock clock;

    VersionService(
            PolicyService policies,
            VersionRepository versions,
            OpenComments comments,
            PublishedVersionSwitch publishedSwitch,
            PolicySettings settings,
            AuditOutbox audit,
            Clock clock) {
        this.audit = audit;
        this.policies = policies;
        this.versions = versions;
        this.comments = comments;
        this.publishedSwitch = publishedSwitch;
        this.settings = settings;
        this.clock = clock;
    }

    /** A version and its policy, as long as the caller may see it (drafts only for authors and governance). */
    public Versioned get(String code, String number, Caller caller) {
        Policy policy = policies.get(code);
        PolicyVersion version = versions.findByPolicyCodeAndNumber(code, number)
                .filter(v -> visible(v, policy, caller))
                .orElseThrow(() -> new NotFoundException("No version " + number + " of policy " + code));
        return new Versioned(policy, version);
    }

    public List<Versioned> list(String code, Caller caller) {
        Policy policy = policies.get(code);
        return versions.findByPolicyCodeOrderByMajorDescMinorDesc(code).stream()
                .filter(v -> visible(v, policy, caller))
                .map(v -> new Versioned(policy, v))
                .toList();
    }

    /** The stages before publication: a version in one of them is work in progress. */
    static final Set<VersionStatus> IN_PROGRESS =
            EnumSet.of(VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.APPROVED);

    /**
     * The versions of these policies still being written or decided (draft, in consultation, approved and not yet
     * published) that the caller may see, per policy code, newest first: one query for a page of policies.
     */
    public Map<String, List<PolicyVersion>> inProgress(Collection<Policy> of, Caller caller) {
        Map<String, Policy> byCode = of.stream().collect(Collectors.toMap(Policy::getCode, p -> p));
        return versions.findByPolicyCodeInAndStatusIn(byCode.keySet(), IN_PROGRESS).stream()
                .filter(v -> IN_PROGRESS.contains(v.status(byCode.get(v.getPolicyCode())))
                        && visible(v, byCode.get(v.getPolicyCode()), caller))
                .sorted(Comparator.comparing(PolicyVersion::getMajor)
                        .thenComparing(PolicyVersion::getMinor)
                        .reversed())
                .collect(Collectors.groupingBy(PolicyVersion::getPolicyCode, Collectors.toList()));
    }

    /** The effective date of the version in force of each of these policies that has one (one query, no clauses). */
    public Map<String, LocalDate> effectiveDates(Collection<Policy> of) {
        Map<String, Policy> byCode = of.stream().collect(Collectors.toMap(Policy::getCode, p -> p));
        Map<String, LocalDate> dates = new HashMap<>();
        for (PolicyVersion v : versions.findDatesByPolicyCodeIn(byCode.keySet())) {
            Policy p = byCode.get(v.getPolicyCode());
            if (!p.isRetired() && v.getNumber().equals(p.getPublishedVersion()) && v.getEffectiveDate() != null) {
                dates.put(p.getCode(), v.getEffectiveDate());
            }
        }
        return dates;
    }

    /** Every version now in consultation, with its policy (one query; a retired policy's are left out). */
    public List<Versioned> inConsultation() {
        Map<String, Policy> policyByCode = policies.all().stream().collect(Collectors.toMap(Policy::getCode, p -> p));
        return versions.findByStatus(VersionStatus.IN_REVIEW).stream()
                .filter(v -> policyByCode.containsKey(v.getPolicyCode()))
                .map(v -> new Versioned(policyByCode.get(v.getPolicyCode()), v))
                .filter(v -> !v.policy().isRetired() && v.version().status(v.policy()) == VersionStatus.IN_REVIEW)
                .sorted(Comparator.comparing((Versioned v) -> v.policy().getCode()))
                .toList();
    }

    /** The version of {@code policy} in force, if it has one (not retired, published). */
    public Optional<PolicyVersion> inForce(Policy policy) {
        if (policy.getPublishedVersion() == null || policy.isRetired()) {
            return Optional.empty();
        }
        return versions.findByPolicyCodeAndNumber(policy.getCode(), policy.getPublishedVersion());
    }

    /** The version in force now; 404 when the policy has none published (or is retired). */
    public Versioned current(String code) {
        Policy policy = policies.get(code);
        if (policy.getPublishedVersion() == null || policy.isRetired()) {
            throw new NotFoundException("Policy " + code + " has no published version in force");
        }
        return versions.findByPolicyCodeAndNumber(code, policy.getPublishedVersion())
                .map(v -> new Versioned(policy, v))
                .orElseThrow(() -> new NotFoundException("No version " + policy.getPublishedVersion() + " of " + code));
    }

    public Versioned createDraft(String code, NewVersionRequest request, Caller caller) {
        Policy policy = policies.get(code);
        policy.requireActive();
        VersionNumber number = VersionNumber.parse(request.number());
        List<PolicyVersion> existing = versions.findByPolicyCodeOrderByMajorDescMinorDesc(code);
        if (existing.size() >= Policy.MAX_VERSIONS) {
            throw new ConflictException("Policy " + code + " already has " + Policy.MAX_VERSIONS
                    + " versions, the most one policy holds; start a new policy for a fresh series");
        }
        existing.stream().findFirst().ifPresent(latest -> {
            if (number.compareTo(latest.versionNumber()) <= 0) {
                throw new ConflictException(
                        "Version " + number + " must be greater than the latest version, " + latest.getNumber());
            }
        });
        PolicyVersion draft = PolicyVersion.draft(
                code, number, request.content(), Person.of(caller), settings.reviewPeriod(), clock.instant());
        draft.recordEvent(audit.event(
                caller.logName(),
                "policy.version.drafted",
                code + "/" + draft.getNumber(),
                Map.of("contentHash", ContentHash.of(draft.getClauses()))));
        PolicyVersion stored = versions.insert(draft); // the unique (policy, major, minor) key settles races
        audit.flush(PolicyVersion.class, stored.getId());
        return new Versioned(policy, stored);
    }

    public Versioned edit(String code, String number, VersionContent content, Caller caller) {
        Versioned v = get(code, number, caller);
        v.policy().requireActive();
        v.version().edit(content, Person.of(caller), settings.reviewPeriod());
        return logged(v, caller, "policy.version.edited", Map.of());
    }

    public Versioned submitForReview(String code, String number, Caller caller) {
        Versioned v = get(code, number, caller);
        v.policy().requireActive();
        v.version().submitForReview(Person.of(caller), clock.instant());
        return logged(v, caller, "policy.version.submitted", Map.of());
    }

    public Versioned returnToDraft(String code, String number, Caller caller) {
        Versioned v = get(code, number, caller);
        v.version().returnToDraft(Person.of(caller), clock.instant());
        return logged(v, caller, "policy.version.returned-to-draft", Map.of());
    }

    public Versioned approve(String code, String number, Caller caller) {
        Versioned v = get(code, number, caller);
        v.policy().requireActive();
        long unresolved = comments.unresolved(v.version().getId());
        v.version().approve(Person.of(caller), unresolved, clock.instant());
        return logged(
                v,
                caller,
                "policy.version.approved",
                Map.of(
                        "author",
                        logName(v.version().getAuthor()),
                        "editors",
                        v.version().getEditors().stream()
                                .map(VersionService::logName)
                                .toList()));
    }

    /**
     * Saves a step of the four-eyes lifecycle with its audit event in the same write (who took it, the content hash
     * it was taken on), then moves the event to the outbox: so whoever can write the database cannot change who
     * wrote or approved a version without the log saying otherwise.
     */
    private Versioned logged(Versioned v, Caller caller, String action, Map<String, Object> details) {
        PolicyVersion version = v.version();
        Map<String, Object> facts = new java.util.LinkedHashMap<>(details);
        facts.put("contentHash", ContentHash.of(version.getClauses()));
        version.recordEvent(
                audit.event(caller.logName(), action, version.getPolicyCode() + "/" + version.getNumber(), facts));
        PolicyVersion saved = versions.save(version);
        audit.flush(PolicyVersion.class, saved.getId());
        return new Versioned(v.policy(), saved);
    }

    /** How the log names a person in an event's details: their staff number, as everywhere in the log (no names). */
    static String logName(Person person) {
        return person == null
                ? "none"
                : person.staffNumber() != null ? "staff:" + person.staffNumber() : "person:without-staff-number";
    }

    /**
     * Publishes an approved version: the policy's pointer moves (atomically, see {@link PublishedVersionSwitch}),
     * and that one write makes the version the one in force, records its content hash and carries the audit events
     * of the publication (and of the supersession of the version before). Nothing else is written.
     */
    public Versioned publish(String code, String number, Caller caller) {
        Versioned v = get(code, number, caller);
        Policy policy = v.policy();
        PolicyVersion version = v.version();
        policy.requireActive();
        version.requirePublishable();
        String previous = policy.getPublishedVersion();
        if (previous != null && version.versionNumber().compareTo(VersionNumber.parse(previous)) <= 0) {
            throw new ConflictException("Version " + number + " is not newer than the published version " + previous);
        }
        Instant now = clock.instant();
        String hash = ContentHash.of(version.getClauses());
        Person by = Person.of(caller);
        List<AuditEvent> events = new ArrayList<>();
        events.add(audit.event(
                caller.logName(),
                "policy.version.published",
                code + "/" + number,
                Map.of(
                        "contentHash",
                        hash,
                        "previous",
                        previous == null ? "none" : previous,
                        "approvedBy",
                        logName(version.getApprover()),
                        "author",
                        logName(version.getAuthor()))));
        if (previous != null) {
            events.add(audit.event(
                    caller.logName(), "policy.version.superseded", code + "/" + previous, Map.of("by", number)));
        }
        if (!publishedSwitch.switchTo(policy, number, by.username(), hash, now, events)) {
            throw new ConflictException("Another version of " + code + " was published or the policy changed while "
                    + "this request ran; reload and try again");
        }
        audit.flush(Policy.class, policy.getId());
        return new Versioned(policies.get(code), version);
    }

    public VersionComparison compare(String code, String from, String to, Caller caller) {
        return VersionComparison.between(
                get(code, from, caller).version(), get(code, to, caller).version());
    }

    private static boolean visible(PolicyVersion version, Policy policy, Caller caller) {
        return VersionAccess.maySee(caller, version.status(policy));
    }

    /** A version with the policy it was read against. */
    public record Versioned(Policy policy, PolicyVersion version) {
        public VersionView view() {
            return VersionView.of(version, policy);
        }
    }
}
