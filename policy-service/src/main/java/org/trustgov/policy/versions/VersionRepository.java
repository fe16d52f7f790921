package org.trustgov.policy.versions;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface VersionRepository extends MongoRepository<PolicyVersion, String> {

    Optional<PolicyVersion> findByPolicyCodeAndNumber(String policyCode, String number);

    List<PolicyVersion> findByPolicyCodeOrderByMajorDescMinorDesc(String policyCode);

    List<PolicyVersion> findByPolicyCodeInAndStatusIn(Collection<String> policyCodes, Collection<VersionStatus> stages);

    List<PolicyVersion> findByStatus(VersionStatus stage);
}
