package org.trustgov.policy.versions;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

public interface VersionRepository extends MongoRepository<PolicyVersion, String> {

    Optional<PolicyVersion> findByPolicyCodeAndNumber(String policyCode, String number);

    List<PolicyVersion> findByPolicyCodeOrderByMajorDescMinorDesc(String policyCode);

    List<PolicyVersion> findByPolicyCodeInAndStatusIn(Collection<String> policyCodes, Collection<VersionStatus> stages);

    List<PolicyVersion> findByStatus(VersionStatus stage);

    /** The versions of these policies without their clauses (number and effective date are what is read). */
    @Query(value = "{ 'policyCode': { '$in': ?0 } }", fields = "{ 'policyCode': 1, 'number': 1, 'effectiveDate': 1 }")
    List<PolicyVersion> findDatesByPolicyCodeIn(Collection<String> policyCodes);
}
