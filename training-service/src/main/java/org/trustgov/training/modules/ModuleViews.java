package org.trustgov.training.modules;

import java.time.Instant;
import java.util.List;

/** Response bodies: the full module (governance) and the learner's view, which has no answers. */
public final class ModuleViews {

    private ModuleViews() {
    }

    public record Full(String code, int version, String title, TrainingModule.Status status,
            List<ModuleRequest.Section> sections, String policyCode, String policyVersion, String policyContentHash,
            List<Question> questions, int passMark, String refresherPeriod, List<String> audienceStaffGroups,
            List<String> audienceDepartments, String publishedBy, Instant publishedAt) {
        static Full of(TrainingModule m) {
            return new Full(m.getCode(), m.getVersion(), m.getTitle(), m.getStatus(), m.getSections(),
                    m.getPolicyCode(), m.getPolicyVersion(), m.getPolicyContentHash(), m.getQuestions(),
                    m.getPassMark(), m.getRefresherPeriod(), m.getAudienceStaffGroups(), m.getAudienceDepartments(),
                    m.getPublishedBy(), m.getPublishedAt());
        }
    }

    public record ForLearner(String code, int version, String title, List<ModuleRequest.Section> sections,
            String policyCode, String policyVersion, List<Question.ForLearner> questions, int passMark,
            String refresherPeriod) {
        public static ForLearner of(TrainingModule m) {
            return new ForLearner(m.getCode(), m.getVersion(), m.getTitle(), m.getSections(), m.getPolicyCode(),
                    m.getPolicyVersion(), m.getQuestions().stream().map(Question::forLearner).toList(),
                    m.getPassMark(), m.getRefresherPeriod());
        }
    }
}
