package org.trustgov.training.modules;

import java.time.Instant;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ConflictException;

/**
 * A training module, one version of it: what staff read, the policy version it teaches, the assessment (with the
 * answers, which never leave the service before a learner submits), pass mark and refresher period. Drafts
 * change; a published version is fixed; a new version replaces it.
 *
 * <p>Whether a version is published is decided by its {@link ModuleSeries} alone: {@link ModuleService} reads the
 * version together with its series and {@link #resolve resolves} the status (and the publication's who, when and
 * policy content hash) from it. This document stores only the stage before publication (DRAFT), or RETIRED for a
 * draft withdrawn unpublished.
 */
@Document("modules")
@CompoundIndex(name = "code_version", def = "{'code': 1, 'version': 1}", unique = true)
public class TrainingModule {

    public enum Status {
        DRAFT,
        PUBLISHED,
        RETIRED
    }

    /**
     * The most module versions the trust keeps (drafts, published and retired together): every list of modules, a
     * learner's included, is bounded by it.
     */
    public static final int MAX_MODULES = 1_000;

    /** The audience staff group that means everyone. */
    public static final String ALL_STAFF = "All staff";

    @Id
    private String id;

    private String code;
    private int version;
    private String title;
    private List<ModuleRequest.Section> sections;
    private String policyCode;
    private String policyVersion;

    @Transient
    private String policyContentHash;

    private List<Question> questions;
    private int passMark;
    /** ISO-8601, e.g. P1Y: completed-at plus this is when a completion expires. */
    private String refresherPeriod;

    private List<String> audienceStaffGroups;
    private List<String> audienceDepartments;
    /** The stored stage (DRAFT, or RETIRED for a withdrawn draft); see {@link #resolve}. */
    private Status status = Status.DRAFT;

    private String createdBy;

    @Transient
    private String publishedBy;

    @Transient
    private Instant publishedAt;

    @Version
    private Long revision;

    protected TrainingModule() {}

    public static TrainingModule draft(ModuleRequest request, String by) {
        TrainingModule module = new TrainingModule();
        module.code = request.code();
        module.version = request.version();
        module.createdBy = by;
        module.write(request);
        return module;
    }

    public void edit(ModuleRequest request) {
        if (status != Status.DRAFT) {
            throw new ConflictException("Module " + code + " v" + version + " is " + status
                    + ": only drafts change; start version " + (version + 1) + " instead");
        }
        if (!code.equals(request.code()) || version != request.version()) {
            throw new BadRequestException("code", "the code and version of a module cannot change");
        }
        write(request);
    }

    /**
     * Reads this version's status off its series, the one source: PUBLISHED while the pointer names it, RETIRED
     * once a later version replaced it or it was withdrawn, otherwise the stored stage. Returns this module.
     */
    TrainingModule resolve(ModuleSeries series) {
        var publication = series.publication(version);
        if (publication.isPresent()) {
            status = Integer.valueOf(version).equals(series.getPublishedVersion()) ? Status.PUBLISHED : Status.RETIRED;
            publishedBy = publication.get().by();
            publishedAt = publication.get().at();
            policyContentHash = publication.get().policyContentHash();
        } else if (status == Status.PUBLISHED) {
            status = Status.DRAFT; // stored by an older release; the series has no record of a publication
        }
        return this;
    }

    /** Checks that this (resolved) version can be published. */
    void requireDraft() {
        if (status != Status.DRAFT) {
            throw new ConflictException("Module " + code + " v" + version + " is " + status + ", not a draft");
        }
    }

    /** Withdraws a draft that was never published. */
    void withdraw() {
        requireDraft();
        status = Status.RETIRED;
    }

    /** Whether someone in this staff group and department is assigned the module (no audience: everyone). */
    public boolean isAssignedTo(String staffGroup, String department) {
        boolean anyGroup = audienceStaffGroups.isEmpty()
                || audienceStaffGroups.contains(ALL_STAFF)
                || (staffGroup != null && audienceStaffGroups.contains(staffGroup));
        boolean anyDepartment =
                audienceDepartments.isEmpty() || (department != null && audienceDepartments.contains(department));
        return anyGroup && anyDepartment;
    }

    public Period refresher() {
        return Period.parse(refresherPeriod);
    }

    private void write(ModuleRequest r) {
        for (int i = 0; i < r.questions().size(); i++) {
            check(i, r.questions().get(i));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < r.questions().size(); i++) {
            if (!ids.add(r.questions().get(i).id())) {
                throw new BadRequestException("questions[" + i + "].id", "question id used twice");
            }
        }
        title = r.title();
        sections = List.copyOf(r.sections());
        policyCode = r.policyCode();
        policyVersion = r.policyVersion();
        questions = List.copyOf(r.questions());
        passMark = r.passMark();
        refresherPeriod = r.refresherPeriod();
        audienceStaffGroups = List.copyOf(r.audienceStaffGroups() == null ? List.of() : r.audienceStaffGroups());
        audienceDepartments = List.copyOf(r.audienceDepartments() == null ? List.of() : r.audienceDepartments());
    }

    private static void check(int i, Question q) {
        Set<String> options = new HashSet<>();
        for (Question.Option option : q.options()) {
            if (!options.add(option.id())) {
                throw new BadRequestException(
                        "questions[" + i + "].options", "option id " + option.id() + " used twice");
            }
        }
        if (!options.containsAll(q.correct())) {
            throw new BadRequestException("questions[" + i + "].correct", "names an option the question does not have");
        }
        if (q.type() == Question.Type.SINGLE_CHOICE && q.correct().size() != 1) {
            throw new BadRequestException(
                    "questions[" + i + "].correct", "a single-choice question has exactly one correct option");
        }
    }

    public String getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public int getVersion() {
        return version;
    }

    public String getTitle() {
        return title;
    }

    /**
     * Every clause a section or question cites is one the bound policy version has (409 naming the first that is
     * not: the draft is kept, to be corrected).
     */
    void requireCitedClausesIn(PolicyClient.PolicyVersion taught) {
        java.util.Set<String> numbers = new java.util.HashSet<>();
        if (taught.clauses() != null) {
            taught.clauses().forEach(c -> numbers.add(c.number()));
        }
        for (int i = 0; i < sections.size(); i++) {
            List<String> cited = sections.get(i).clauses();
            for (int j = 0; cited != null && j < cited.size(); j++) {
                if (!numbers.contains(cited.get(j))) {
                    throw uncited("sections[" + i + "].clauses[" + j + "]", cited.get(j));
                }
            }
        }
        for (int i = 0; i < questions.size(); i++) {
            List<String> cited = questions.get(i).clauses();
            for (int j = 0; cited != null && j < cited.size(); j++) {
                if (!numbers.contains(cited.get(j))) {
                    throw uncited("questions[" + i + "].clauses[" + j + "]", cited.get(j));
                }
            }
        }
    }

    /** Every clause its sections and questions cite, in number order of their text. */
    public java.util.SortedSet<String> citedClauses() {
        java.util.SortedSet<String> cited = new java.util.TreeSet<>();
        sections.stream().filter(s -> s.clauses() != null).forEach(s -> cited.addAll(s.clauses()));
        questions.stream().filter(q -> q.clauses() != null).forEach(q -> cited.addAll(q.clauses()));
        return cited;
    }

    private org.trustgov.problem.ConflictException uncited(String field, String clause) {
        return new org.trustgov.problem.ConflictException(field + " cites clause " + clause + ", which policy "
                + policyCode + " v" + policyVersion + " does not have: correct the draft, then publish");
    }

    public List<ModuleRequest.Section> getSections() {
        return sections;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public String getPolicyVersion() {
        return policyVersion;
    }

    public String getPolicyContentHash() {
        return policyContentHash;
    }

    public List<Question> getQuestions() {
        return questions;
    }

    public int getPassMark() {
        return passMark;
    }

    public String getRefresherPeriod() {
        return refresherPeriod;
    }

    public List<String> getAudienceStaffGroups() {
        return audienceStaffGroups;
    }

    public List<String> getAudienceDepartments() {
        return audienceDepartments;
    }

    public Status getStatus() {
        return status;
    }

    public String getPublishedBy() {
        return publishedBy;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }
}
