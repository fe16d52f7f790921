package org.trustgov.policy.consultation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A comment; leave {@code clauseNumber} out to comment on the version as a whole. */
@Schema(example = """
        {"clauseNumber":"4.2","text":"Would be good to say what to do if a colleague posts a ward photo."}""")
public record CommentRequest(
        @Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}", message = "must be a clause number such as 4.2")
        String clauseNumber,

        @NotBlank @Size(max = 5000) String text) {}
