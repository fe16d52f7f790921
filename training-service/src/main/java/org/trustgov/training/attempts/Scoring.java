package org.trustgov.training.attempts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.trustgov.problem.BadRequestException;
import org.trustgov.training.modules.Question;
import org.trustgov.training.modules.TrainingModule;

/**
 * Scores a submission on the server. A question counts as right when the chosen options are exactly its correct
 * options (all of them for multiple choice, nothing extra); an unanswered question counts as wrong. The score is
 * the percentage of questions right, rounded down, and passes at or above the module's pass mark.
 */
public final class Scoring {

    public record Result(int correct, int total, int score, boolean passed) {}

    private Scoring() {}

    public static Result score(TrainingModule module, Map<String, Set<String>> answers) {
        Map<String, Question> questions = new HashMap<>();
        module.getQuestions().forEach(q -> questions.put(q.id(), q));
        answers.forEach((questionId, chosen) -> {
            Question question = questions.get(questionId);
            if (question == null) {
                throw new BadRequestException("answers." + questionId, "the module has no question " + questionId);
            }
            Set<String> options = new HashSet<>();
            question.options().forEach(o -> options.add(o.id()));
            if (chosen == null || !options.containsAll(chosen)) {
                throw new BadRequestException(
                        "answers." + questionId, "names an option question " + questionId + " does not have");
            }
            if (question.type() == Question.Type.SINGLE_CHOICE && chosen.size() > 1) {
                throw new BadRequestException("answers." + questionId, "question " + questionId + " takes one answer");
            }
        });
        int correct = 0;
        for (Question question : module.getQuestions()) {
            if (question.correct().equals(answers.getOrDefault(question.id(), Set.of()))) {
                correct++;
            }
        }
        int total = module.getQuestions().size();
        int score = total == 0 ? 0 : correct * 100 / total;
        return new Result(correct, total, score, score >= module.getPassMark());
    }
}
