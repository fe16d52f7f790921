package org.trustgov.policy.policies;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A policy's descriptive fields, as an author or governance sends them. */
@Schema(example = """
        {"code":"SM-001","title":"Social media policy","owner":"Director of Communications",
         "approvingCommittee":"Policy Approval Group","professionalCodes":["NMC Code","GMC Good medical practice","HCPC standards","NHS Employers social media guidance"],
         "audience":["All staff"],"tags":["social media","confidentiality"]}""")
public record PolicyRequest(
        @NotBlank @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001")
        String code,

        @NotBlank @Size(max = 200) String title,
        @Size(max = 120) String owner,
        @Size(max = 120) String approvingCommittee,
        @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = 80) String> professionalCodes,
        @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = 80) String> audience,
        @Size(max = MAX_ITEMS) List<@NotBlank @Size(max = 40) String> tags) {

    /** The most professional codes, audiences or tags one policy lists. */
    public static final int MAX_ITEMS = 20;
}
