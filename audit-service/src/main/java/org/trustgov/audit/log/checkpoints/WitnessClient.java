package org.trustgov.audit.log.checkpoints;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The audit log's witness (C2SP tlog-witness {@code add-checkpoint}, witness-service), with
 * audit-service's own token. 200 is the cosignature line; 409 carries the witness's size ({@code text/x.tlog.size});
 * 422 means the consistency proof does not verify.
 */
@FeignClient(name = "audit-witness", url = "${trustgov.clients.witness-url}")
public interface WitnessClient {

    @PostMapping(
            path = "/api/witness/add-checkpoint",
            consumes = MediaType.TEXT_PLAIN_VALUE,
            produces = MediaType.TEXT_PLAIN_VALUE)
    String addCheckpoint(@RequestBody String body);
}
