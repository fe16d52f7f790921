package org.trustgov.policy.attestations;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface AttestationRepository extends MongoRepository<Attestation, String> {

    Optional<Attestation> findByPolicyCodeAndMajorAndStaffNumber(String policyCode, int major, String staffNumber);

    List<Attestation> findByStaffNumber(String staffNumber);
}
