package org.trustgov.policy.resources;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ResourceRepository extends MongoRepository<SignpostingResource, String> {}
