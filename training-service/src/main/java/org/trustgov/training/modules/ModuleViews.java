package org.trustgov.training.modules;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.web.util.HtmlUtils;

/** Response bodies: the full module (governance) and the learner's view, which has no answers. */
public final class ModuleViews {

    /** CommonMark; raw HTML in the source is escaped and unsafe link targets (javascript: and the like) removed. */
    private static final Parser MARKDOWN = Parser.builder().build();

    private static final HtmlRenderer SAFE_HTML =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private ModuleViews() {}

    public record Full(
            String code,
            int version,
            String title,
            TrainingModule.Status status,
            @Size(max = ModuleRequest.MAX_SECTIONS) List<ModuleRequest.Section> sections,
            String policyCode,
            String policyVersion,
            String policyContentHash,
            @Size(max = ModuleRequest.MAX_QUESTIONS) List<Question> questions,
            int passMark,
            String refresherPeriod,
            @Size(max = ModuleRequest.MAX_STAFF_GROUPS) List<String> audienceStaffGroups,
            @Size(max = ModuleRequest.MAX_DEPARTMENTS) List<String> audienceDepartments,
            String publishedBy,
            Instant publishedAt) {
        static Full of(TrainingModule m) {
            return new Full(
                    m.getCode(),
                    m.getVersion(),
                    m.getTitle(),
                    m.getStatus(),
                    m.getSections(),
                    m.getPolicyCode(),
                    m.getPolicyVersion(),
                    m.getPolicyContentHash(),
                    m.getQuestions(),
                    m.getPassMark(),
                    m.getRefresherPeriod(),
                    m.getAudienceStaffGroups(),
                    m.getAudienceDepartments(),
                    m.getPublishedBy(),
                    m.getPublishedAt());
        }
    }

    /** A content section for learners: the Markdown as written and the same rendered to safe HTML for the pages. */
    public record LearnerSection(
            String heading,
            String markdown,
            @Schema(maxLength = MAX_HTML) String html) {

        /**
         * The longest rendered section. Rendering may lengthen Markdown; past this the section is shown as escaped
         * plain text instead (at most six characters for one, so always within it).
         */
        static final int MAX_HTML = 20 * ModuleRequest.Section.MAX_MARKDOWN;

        public static LearnerSection of(ModuleRequest.Section section) {
            String html = SAFE_HTML.render(MARKDOWN.parse(section.markdown()));
            if (html.length() > MAX_HTML) {
                html = "<pre>" + HtmlUtils.htmlEscape(section.markdown()) + "</pre>";
            }
            return new LearnerSection(section.heading(), section.markdown(), html);
        }
    }

    public record ForLearner(
            String code,
            int version,
            String title,
            @Size(max = ModuleRequest.MAX_SECTIONS) List<LearnerSection> sections,
            String policyCode,
            String policyVersion,
            @Size(max = ModuleRequest.MAX_QUESTIONS) List<Question.ForLearner> questions,
            int passMark,
            String refresherPeriod) {
        public static ForLearner of(TrainingModule m) {
            return new ForLearner(
                    m.getCode(),
                    m.getVersion(),
                    m.getTitle(),
                    m.getSections().stream().map(LearnerSection::of).toList(),
                    m.getPolicyCode(),
                    m.getPolicyVersion(),
                    m.getQuestions().stream().map(Question::forLearner).toList(),
                    m.getPassMark(),
                    m.getRefresherPeriod());
        }
    }
}
