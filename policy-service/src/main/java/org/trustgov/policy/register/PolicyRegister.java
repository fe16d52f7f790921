package org.trustgov.policy.register;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.trustgov.keycloak.Caller;
import org.trustgov.policy.attestations.AttestationService;
import org.trustgov.policy.attestations.AttestationViews;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.versions.PolicyVersion;
import org.trustgov.policy.versions.VersionService;

/**
 * The policy register: a page of policies with the versions in progress and the caller's own standing, read in
 * a fixed number of queries whatever the number of policies (the page and its count, its versions in progress, the
 * effective dates of the versions in force, and for staff their acknowledgements and what they owe), so a page listing hundreds of policies costs the browser one request.
 */
@Service
class PolicyRegister {

    private final PolicyService policies;
    private final VersionService versions;
    private final AttestationService attestations;

    PolicyRegister(PolicyService policies, VersionService versions, AttestationService attestations) {
        this.policies = policies;
        this.versions = versions;
        this.attestations = attestations;
    }

    Page<RegisterEntry> page(String text, PolicyService.Standing standing, Pageable page, Caller caller) {
        Page<Policy> found = policies.search(text, standing, page);
        Map<String, List<PolicyVersion>> inProgress = versions.inProgress(found.getContent(), caller);
        Map<String, LocalDate> effective = versions.effectiveDates(found.getContent());
        AttestationViews.Mine mine =
                caller.hasRole("staff") && caller.staffNumber() != null ? attestations.mine(caller) : null;
        Map<String, AttestationViews.Owed> owed = mine == null
                ? Map.of()
                : mine.owed().stream()
                        .collect(Collectors.toMap(AttestationViews.Owed::policyCode, Function.identity()));
        Map<String, AttestationViews.Acknowledgement> newest = mine == null
                ? Map.of()
                : mine.acknowledged().stream()
                        .collect(Collectors.toMap(
                                AttestationViews.Acknowledgement::policyCode,
                                Function.identity(),
                                (a, b) -> a.at().isAfter(b.at()) ? a : b));
        return found.map(p -> new RegisterEntry(
                p.getCode(),
                p.getTitle(),
                p.getOwner(),
                p.getStatus(),
                p.isRetired() ? null : p.getPublishedVersion(),
                p.isRetired() || p.getPublishedVersion() == null
                        ? null
                        : p.publication(p.getPublishedVersion())
                                .map(Policy.Publication::at)
                                .orElse(null),
                effective.get(p.getCode()),
                inProgress.getOrDefault(p.getCode(), List.of()).stream()
                        .map(v -> new RegisterEntry.VersionInProgress(v.getNumber(), v.status(p)))
                        .toList(),
                mine == null ? null : standing(owed.get(p.getCode()), newest.get(p.getCode()))));
    }

    private static RegisterEntry.YourStanding standing(
            AttestationViews.Owed owed, AttestationViews.Acknowledgement acknowledged) {
        return new RegisterEntry.YourStanding(
                owed == null ? null : owed.version(),
                acknowledged == null ? null : acknowledged.version(),
                acknowledged == null ? null : acknowledged.at());
    }
}
