package org.trustgov.policy.resources;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.trustgov.keycloak.Caller;
import org.trustgov.starter.problem.ConflictException;
import org.trustgov.starter.problem.NotFoundException;

/** The approved signposting resources: reading them, and governance approving and changing them. */
@Service
public class ResourceService {

    private final ResourceRepository resources;

    ResourceService(ResourceRepository resources) {
        this.resources = resources;
    }

    public List<SignpostingResource> list() {
        return resources.findAll(Sort.by("name"));
    }

    public SignpostingResource create(ResourceRequest request, Caller caller) {
        if (resources.count() >= SignpostingResource.MAX_RESOURCES) {
            throw new ConflictException("The trust already approves " + SignpostingResource.MAX_RESOURCES
                    + " resources, the most this list holds; replace an outdated one (PUT) instead of adding another");
        }
        return resources.insert(new SignpostingResource(request, caller.username()));
    }

    public SignpostingResource update(String id, ResourceRequest request, Caller caller) {
        SignpostingResource resource = resources.findById(id).orElseThrow(() -> new NotFoundException("No resource " + id));
        resource.update(request, caller.username());
        return resources.save(resource);
    }
}
