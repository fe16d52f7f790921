package org.trustgov.audit.incidents;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** training-service's staff directory by number, with audit-service's own token; guarded by {@code training-directory}. */
@FeignClient(name = "training-directory", url = "${trustgov.clients.training-url}")
public interface TrainingDirectoryClient {

    /** A person as the directory names them: {@code active} is false for a leaver. */
    record Colleague(String staffNumber, String name, String department, boolean active) {}

    /** The people on the roster among these numbers, leavers included; a number not on the roster is left out. */
    @GetMapping("/api/training/directory/people")
    List<Colleague> people(@RequestParam("number") List<String> numbers);
}
