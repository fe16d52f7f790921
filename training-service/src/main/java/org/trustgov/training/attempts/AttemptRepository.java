package org.trustgov.training.attempts;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface AttemptRepository extends MongoRepository<Attempt, String> {

    Optional<Attempt> findByCertificateId(String certificateId);

    List<Attempt> findByStaffNumberAndPassedTrue(String staffNumber);
}
