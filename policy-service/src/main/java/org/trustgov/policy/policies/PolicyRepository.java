package org.trustgov.policy.policies;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface PolicyRepository extends MongoRepository<Policy, String> {

    Optional<Policy> findByCode(String code);
}
