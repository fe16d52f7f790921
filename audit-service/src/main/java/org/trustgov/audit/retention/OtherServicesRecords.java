package org.trustgov.audit.retention;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.trustgov.starter.resilience.GuardedCalls;

/** The records training-service and policy-service keep, reached through their retention APIs (service role). */
final class OtherServicesRecords {

    private OtherServicesRecords() {}

    /** training-service's records: the roster's leavers and people's training records; guarded by {@code training-retention}. */
    @FeignClient(name = "training-retention", url = "${trustgov.clients.training-url}")
    interface TrainingRetentionClient {

        @GetMapping("/api/training/retention/records")
        List<RecordHolder.Ended> ended(
                @RequestParam("recordClass") String recordClass,
                @RequestParam("startsAt") String startsAt,
                @RequestParam("before") Instant before,
                @RequestParam("limit") int limit);

        @GetMapping("/api/training/retention/records/{recordClass}/{reference}")
        RecordHolder.Ended find(
                @PathVariable("recordClass") String recordClass,
                @PathVariable("reference") String reference,
                @RequestParam("startsAt") String startsAt);

        @DeleteMapping("/api/training/retention/records/{recordClass}/{reference}")
        void destroy(@PathVariable("recordClass") String recordClass, @PathVariable("reference") String reference);

        /** Of the asked staff numbers (at most 1,000), those on the roster and active now. */
        @PostMapping("/api/training/retention/employment")
        Employment employment(@RequestBody EmploymentQuery query);

        record EmploymentQuery(List<String> staffNumbers) {}

        record Employment(List<String> stillEmployed) {}
    }

    /** policy-service's copies of people's training records (their acknowledgements); guarded by {@code policy-retention}. */
    @FeignClient(name = "policy-retention", url = "${trustgov.clients.policy-url}")
    interface PolicyRetentionClient {

        @DeleteMapping("/api/policy/retention/records/{recordClass}/{reference}")
        void destroy(@PathVariable("recordClass") String recordClass, @PathVariable("reference") String reference);
    }

    @Component
    static class TrainingService implements RecordHolder {

        /** The most staff numbers training-service is asked about at once. */
        static final int EMPLOYMENT_ASKED_AT_ONCE = 1_000;

        private final TrainingRetentionClient client;
        private final GuardedCalls guarded;

        TrainingService(TrainingRetentionClient client, GuardedCalls guarded) {
            this.client = client;
            this.guarded = guarded;
        }

        @Override
        public String name() {
            return "training-service";
        }

        @Override
        public Set<String> lists() {
            return Set.of("training-record", "staff-record");
        }

        @Override
        public Set<String> keeps() {
            return lists();
        }

        @Override
        public List<Ended> ended(String recordClass, String startsAt, Instant before, int limit) {
            return guarded.call("training-retention", () -> client.ended(recordClass, startsAt, before, limit));
        }

        @Override
        public java.util.Optional<Ended> find(String recordClass, String startsAt, String reference) {
            if (!reference.matches("[0-9]{8}")) {
                return java.util.Optional.empty(); // a person's record is named by their staff number
            }
            return java.util.Optional.ofNullable(guarded.call("training-retention", () -> {
                try {
                    return client.find(recordClass, reference, startsAt);
                } catch (feign.FeignException.NotFound none) {
                    return null;
                }
            }));
        }

        @Override
        public java.util.Optional<Set<String>> stillEmployedNow(java.util.Collection<String> staffNumbers) {
            Set<String> employed = new java.util.HashSet<>();
            for (List<String> batch :
                    org.trustgov.starter.Batches.of(List.copyOf(staffNumbers), EMPLOYMENT_ASKED_AT_ONCE)) {
                employed.addAll(guarded.call(
                                "training-retention",
                                () -> client.employment(new TrainingRetentionClient.EmploymentQuery(batch)))
                        .stillEmployed());
            }
            return java.util.Optional.of(employed);
        }

        @Override
        public void destroy(String recordClass, String reference) {
            guarded.call("training-retention", () -> {
                client.destroy(recordClass, reference);
                return null;
            });
        }
    }

    @Component
    static class PolicyService implements RecordHolder {

        private final PolicyRetentionClient client;
        private final GuardedCalls guarded;

        PolicyService(PolicyRetentionClient client, GuardedCalls guarded) {
            this.client = client;
            this.guarded = guarded;
        }

        @Override
        public String name() {
            return "policy-service";
        }

        @Override
        public Set<String> keeps() {
            return Set.of("training-record");
        }

        @Override
        public void destroy(String recordClass, String reference) {
            guarded.call("policy-retention", () -> {
                client.destroy(recordClass, reference);
                return null;
            });
        }
    }
}
