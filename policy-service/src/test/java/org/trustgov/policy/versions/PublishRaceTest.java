package org.trustgov.policy.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.policy.Callers.AUTHOR;
import static org.trustgov.policy.Callers.GOVERNANCE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.policy.policies.PolicyRequest;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.problem.ConflictException;
import org.trustgov.test.IntegrationTest;

/**
 * Many threads publish different approved versions of one policy at once, on the embedded MongoDB (no
 * transactions): however the race goes, the policy ends with exactly one version published, and every
 * publication that reported success is in the policy's history.
 */
@IntegrationTest
class PublishRaceTest {

    @Autowired
    PolicyService policies;

    @Autowired
    VersionService versions;

    @Autowired
    VersionRepository versionRepository;

    @Autowired
    PolicyRepository policyRepository;

    @Test
    void concurrentPublicationsLeaveExactlyOnePublishedVersion() throws Exception {
        String code = "RC-101";
        policyRepository.findByCode(code).ifPresent(policyRepository::delete);
        policies.create(new PolicyRequest(code, "Race", null, null, List.of(), List.of(), List.of()), AUTHOR);
        int threads = 12;
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            String number = "1." + i;
            numbers.add(number);
            versions.createDraft(
                    code,
                    new NewVersionRequest(
                            number,
                            new VersionContent(
                                    List.of(new Clause("1.1", "Purpose", "Text " + i)),
                                    "v" + i,
                                    LocalDate.parse("2027-01-01"),
                                    null)),
                    AUTHOR);
            versions.submitForReview(code, number, AUTHOR);
            versions.approve(code, number, GOVERNANCE);
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (String number : numbers) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    versions.publish(code, number, GOVERNANCE);
                    return true;
                } catch (ConflictException lostTheRace) {
                    return false;
                }
            }));
        }
        start.countDown();
        int succeeded = 0;
        for (Future<Boolean> outcome : outcomes) {
            succeeded += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        var all = versions.list(code, GOVERNANCE);
        long published = all.stream()
                .filter(v -> v.view().status() == VersionStatus.PUBLISHED)
                .count();
        var policy = policies.get(code);
        assertThat(published).isEqualTo(1);
        assertThat(succeeded).isBetween(1, threads);
        assertThat(policy.getPublications()).hasSize(succeeded);
        assertThat(policy.getPublishedVersion())
                .isEqualTo(policy.getPublications().get(succeeded - 1).version());
        assertThat(versions.current(code).view().contentHash()).startsWith("sha256:");
    }
}
