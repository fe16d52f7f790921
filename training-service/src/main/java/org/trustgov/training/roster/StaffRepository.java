package org.trustgov.training.roster;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface StaffRepository extends MongoRepository<StaffMember, String> {}
