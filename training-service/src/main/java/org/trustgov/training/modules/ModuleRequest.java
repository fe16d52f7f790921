package org.trustgov.training.modules;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.trustgov.starter.validation.IsoPeriod;

/**
 * A module as governance writes it. A section and a question may cite the clauses of the bound policy version it
 * teaches ({@code clauses}); publishing checks that the version has them.
 */
@Schema(example = """
        {"code":"SMT-01","version":1,"title":"Social media: safe and professional",
         "sections":[{"heading":"Why it matters","markdown":"A photo of a ward can identify a patient..."}],
         "policyCode":"SM-001","policyVersion":"1.0",
         "questions":[{"id":"q1","text":"A colleague posts a ward photo with a patient in the background. What do you do?",
                       "type":"SINGLE_CHOICE","options":[{"id":"a","text":"Like it"},{"id":"b","text":"Ask them to remove it and tell your manager"}],
                       "correct":["b"]}],
         "passMark":80,"refresherPeriod":"P1Y","audienceStaffGroups":["All staff"],"audienceDepartments":[]}""")
public record ModuleRequest(
        @NotBlank @Pattern(regexp = "[A-Z]{2,6}-[0-9]{2,3}", message = "must look like SMT-01")
        String code,

        @NotNull @Min(1) @Max(999) Integer version,
        @NotBlank @Size(max = 200) String title,
        @NotNull @Size(min = 1, max = MAX_SECTIONS) List<@Valid @NotNull Section> sections,

        @NotBlank @Pattern(regexp = "[A-Z]{2,5}-[0-9]{3}", message = "must look like SM-001")
        String policyCode,

        @NotBlank @Pattern(regexp = "[0-9]{1,4}\\.[0-9]{1,4}", message = "must be major.minor, e.g. 1.0")
        String policyVersion,

        @NotNull @Size(min = 1, max = MAX_QUESTIONS) List<@Valid @NotNull Question> questions,
        @NotNull @Min(1) @Max(100) Integer passMark,

        @NotBlank @IsoPeriod(min = REFRESHER_MIN, max = REFRESHER_MAX)
        String refresherPeriod,

        @Size(max = MAX_STAFF_GROUPS) List<@NotBlank @Size(max = 100) String> audienceStaffGroups,
        @Size(max = MAX_DEPARTMENTS) List<@NotBlank @Size(max = 100) String> audienceDepartments) {

    /** The most sections, questions, staff groups and departments one module has. */
    public static final int MAX_SECTIONS = 50;

    public static final int MAX_QUESTIONS = 100;
    public static final int MAX_STAFF_GROUPS = 50;
    public static final int MAX_DEPARTMENTS = 200;

    /** The shortest and longest refresher period: a completion must last long enough to be worth taking. */
    public static final String REFRESHER_MIN = "P1M";

    public static final String REFRESHER_MAX = "P10Y";

    /** A content section in Markdown. */
    public record Section(
            @NotBlank @Size(max = 200) String heading,
            @NotBlank @Size(max = MAX_MARKDOWN) String markdown,
            @Size(max = MAX_CITED) List<@NotBlank @Pattern(regexp = CLAUSE, message = CLAUSE_MESSAGE) String> clauses) {

        /** The longest section, in characters of Markdown. */
        public static final int MAX_MARKDOWN = 50_000;

        public Section(String heading, String markdown) {
            this(heading, markdown, null);
        }
    }

    /** The most clauses one section or question cites. */
    public static final int MAX_CITED = 20;

    /** A clause number of the bound policy version, as policy-service numbers them. */
    public static final String CLAUSE = "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}";

    public static final String CLAUSE_MESSAGE = "must be a clause number such as 4.2";
}
