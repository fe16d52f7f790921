package org.trustgov.training.modules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/** An assessment question with its options and the ids of the correct ones (never sent to learners). */
public record Question(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,20}", message = "must be a short id such as q1")
        String id,

        @NotBlank @Size(max = 2000) String text,
        @NotNull Type type,
        @NotNull @Size(min = 2, max = 10) List<@Valid @NotNull Option> options,
        @NotEmpty Set<@NotBlank String> correct,

        @Size(max = ModuleRequest.MAX_CITED)
        List<@NotBlank @Pattern(regexp = ModuleRequest.CLAUSE, message = ModuleRequest.CLAUSE_MESSAGE) String>
                clauses) {

    public Question(String id, String text, Type type, List<Option> options, Set<String> correct) {
        this(id, text, type, options, correct, null);
    }

    public enum Type {
        SINGLE_CHOICE,
        MULTIPLE_CHOICE
    }

    public record Option(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,20}", message = "must be a short id such as a")
            String id,

            @NotBlank @Size(max = 500) String text) {}

    /** The question as a learner sees it: options, no answers. */
    public record ForLearner(String id, String text, Type type, List<Option> options) {}

    public ForLearner forLearner() {
        return new ForLearner(id, text, type, options);
    }
}
