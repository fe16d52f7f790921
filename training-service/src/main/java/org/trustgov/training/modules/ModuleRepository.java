package org.trustgov.training.modules;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface ModuleRepository extends MongoRepository<TrainingModule, String> {

    Optional<TrainingModule> findByCodeAndVersion(String code, int version);

    List<TrainingModule> findAllByOrderByCodeAscVersionDesc();
}
