package org.trustgov.training.compliance;

import feign.FeignException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trustgov.starter.resilience.GuardedCalls;
import org.trustgov.training.TrainingSettings;
import org.trustgov.training.modules.PolicyClient;

/**
 * The version of each policy in force, read from policy-service (guarded by {@code policy-versions}) and kept for
 * {@code trustgov.training.policy-version-cache} (default one minute). When policy-service cannot answer, the last
 * version known is used and marked stale; when none was ever known, the answer is "unknown" (stale), and callers
 * fall back to the version each module teaches ({@link InForce#majorOr}).
 */
@Component
public class CurrentPolicyVersions {

    private static final Logger log = LoggerFactory.getLogger(CurrentPolicyVersions.class);

    /** The version in force ({@code null} when none is published or it is not known) and whether it may be out of date. */
    public record InForce(String version, boolean stale) {
        /** The major version in force, or that of {@code taught} (the version a module teaches) when not known. */
        public int majorOr(String taught) {
            return version != null ? ComplianceRule.majorOf(version) : ComplianceRule.majorOf(taught);
        }
    }

    private record Cached(String version, Instant readAt) {}

    private final PolicyClient client;
    private final GuardedCalls guarded;
    private final TrainingSettings settings;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    CurrentPolicyVersions(PolicyClient client, GuardedCalls guarded, TrainingSettings settings, Clock clock) {
        this.client = client;
        this.guarded = guarded;
        this.settings = settings;
        this.clock = clock;
    }

    public InForce of(String policyCode) {
        Instant now = clock.instant();
        Cached cached = cache.get(policyCode);
        if (cached != null
                && cached.readAt().plus(settings.policyVersionCache()).isAfter(now)) {
            return new InForce(cached.version(), false);
        }
        try {
            PolicyClient.PolicyVersion current = guarded.call("policy-versions", () -> client.current(policyCode));
            String version = current == null ? null : current.number();
            cache.put(policyCode, new Cached(version, now));
            return new InForce(version, false);
        } catch (FeignException.NotFound e) {
            cache.put(policyCode, new Cached(null, now));
            return new InForce(null, false);
        } catch (RuntimeException e) {
            log.warn(
                    "policy-service could not say which version of {} is in force ({}); using the last known",
                    policyCode,
                    e.toString());
            return new InForce(cached == null ? null : cached.version(), true);
        }
    }
}
