package org.trustgov.policy.consultation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(example = """
        {"text":"Added to 4.3: report it to the ward manager and ask the colleague to remove it."}""")
public record ReplyRequest(@NotBlank @Size(max = 5000) String text) {}
