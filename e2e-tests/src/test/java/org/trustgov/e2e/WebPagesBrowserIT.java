package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trustgov.e2e.Http.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The web pages in a real browser, each person signing in on Keycloak's own login page: a doctor takes the module
 * assigned to her department, fails it once, passes it and opens her certificate; governance and a line manager
 * read compliance; a nurse reports a concern and governance works the case through to its close. The pages run
 * under the gateway's Content-Security-Policy and must log no errors.
 */
@StartedPlatform
class WebPagesBrowserIT {

    private static final String CODE = "SMW-01";
    private static final String TITLE = "Social media in the Emergency Department";
    private static final By ROW = By.cssSelector("tr[data-module='" + CODE + "']");

    /**
     * A pharmacist, made for this test only (not on the demo roster, in no other test), reports a colleague's video
     * confidentially on the report page and writes down the receipt code; governance sees a report from no one and
     * asks a question; she follows the case with her code and answers; governance reads the answer. Nothing the
     * platform keeps (the services' stores and key files, every application's log) holds her staff number, username,
     * surname or Keycloak id; and the gateway holds back a fourth confidential report in one day.
     */
    @Test
    void aColleagueReportsConfidentiallyFollowsItWithHerReceiptCodeAndNothingThePlatformKeepsNamesHer()
            throws IOException {
        String staffNumber = "10000081";
        String surname = "Okonkwo-Reyes";
        String keycloakId = KeycloakAccounts.create(
                http,
                "drew.pharmacy",
                "Drew",
                surname,
                "drew.okonkwo-reyes@trust.example",
                staffNumber,
                "Pharmacy",
                "staff");
        uploadTheRoster();
        signIn("drew.pharmacy", "/report.html");
        browser.visible(By.id("pick-subject")).sendKeys("priya sh");
        browser.visible(By.cssSelector("button[data-colleague='10000002']")).click();
        choose("platform", "TIKTOK");
        choose("category", "CONFIDENTIALITY_BREACH");
        choose("severity", "MODERATE");
        browser.visible(By.id("description")).sendKeys("A video filmed in the dispensary shows a patient's label.");
        choose("policy", "SM-001");
        browser.visible(By.cssSelector("input[name='clause'][value*='\"clauseNumber\":\"3.2\"']"))
                .click();
        browser.visible(By.id("confidential")).click();
        browser.visible(By.id("send")).click();
        browser.waitForText(By.id("sent"), "your name is not on it");
        String code = browser.visible(By.id("receipt-code")).getText();
        String reference =
                browser.visible(By.cssSelector("#sent h3")).getText().replaceAll(".*(SMB-[0-9]{4}-[0-9]{6}).*", "$1");
        assertThat(code).matches("([0-9A-Z]{4}-){7}[0-9A-Z]{4}");
        browser.screenshot("confidential-receipt");
        accessible("report (confidential receipt)");

        signIn("morgan.governance", "/incident.html?ref=" + reference);
        browser.waitForText(By.cssSelector(".facts"), "the platform does not know who");
        browser.visible(By.cssSelector("#ask-reporter textarea[name='question']"))
                .sendKeys("Was the video public, and is it still up?");
        submit("ask-reporter");
        browser.waitForText(By.id("reporter-questions"), "Was the video public");

        signIn("drew.pharmacy", "/follow.html");
        browser.visible(By.id("code")).sendKeys(code.toLowerCase().replace("-", " "));
        browser.visible(By.cssSelector("#receipt button[type='submit']")).click();
        browser.waitForText(By.id("report-status"), "Reported");
        browser.visible(By.cssSelector("#questions textarea[name='answer']"))
                .sendKeys("Public, with about 3,000 followers; still up this morning.");
        browser.visible(By.cssSelector("#questions form.answer button")).click();
        browser.waitForText(By.id("questions"), "Your answer");
        browser.screenshot("confidential-follow");
        accessible("follow");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        signIn("morgan.governance", "/incident.html?ref=" + reference);
        browser.waitForText(By.id("reporter-questions"), "3,000 followers");

        String drew = http.personToken("drew.pharmacy");
        HttpResponse<String> wrong = http.postJson(
                Platform.GATEWAY + "/api/audit/confidential-reports/receipt",
                drew,
                Map.of("receiptCode", "0000-0000-0000-0000-0000-0000-0000-0000"));
        assertThat(wrong.statusCode()).isEqualTo(404);
        // Each of these is refused by audit-service (no clauses), but the gateway counts it first: a fourth in a day
        // is 429 before it reaches the service.
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 4 && !answers.contains(429); i++) {
            HttpResponse<String> refused = http.postJson(
                    Platform.GATEWAY + "/api/audit/confidential-reports", drew, Map.of("description", "x"));
            answers.add(refused.statusCode());
            if (refused.statusCode() == 429) {
                assertThat(refused.body()).contains("confidential reports today");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(answers).as("400s, then 429 by the fourth report of the day").endsWith(429);
        assertThat(answers.subList(0, answers.size() - 1)).containsOnly(400);

        // The subject sees who has read the case about her (by role and department) and every read of her records,
        // those training-service relays included.
        String governance = http.personToken("morgan.governance");
        assertThat(http.get(Platform.GATEWAY + "/api/training/compliance/staff/10000002", governance)
                        .statusCode())
                .isEqualTo(200);
        String priya = http.personToken("priya.doctor");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get(Platform.GATEWAY + "/api/audit/access-records/mine?size=200", priya)
                        .body()
                        .contains("COMPLIANCE_RECORD"));
        signIn("priya.doctor", "/my-records.html");
        browser.waitForText(By.id("reads-of-my-records"), "Your training and compliance");
        browser.visible(By.cssSelector("#cases-about-me tr[data-reference='" + reference + "'] a"))
                .click();
        browser.waitForText(By.id("case-views"), "Clinical Governance");
        assertThat(browser.visible(By.id("case-views")).getText())
                .contains("Governance")
                .as("the follow page's read, earlier than governance's: as the reporter's, nothing of theirs")
                .contains("The person who reported it")
                .doesNotContain("10000004");
        assertThat(browser.visible(By.id("incident")).getText())
                .as("her view: not who reported it, nor what they wrote")
                .doesNotContain("dispensary")
                .doesNotContain("Reported by");
        browser.screenshot("incident-as-its-subject");
        accessible("incident (its subject)");
        browser.go(Platform.GATEWAY + "/my-records.html");
        browser.waitForText(By.id("reads-of-my-records"), "Your training and compliance");
        accessible("my-records");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Governance makes her subject access bundle: on the page, and as JSON that the auditor's verifier checks in
        // a JDK of its own. It holds her records from all three services and no one else's name or number.
        String inForce = json(http.get(Platform.GATEWAY + "/api/policy/policies/SM-001/versions/current", priya))
                .get("number")
                .asString();
        assertThat(http.post(
                                Platform.GATEWAY + "/api/policy/policies/SM-001/versions/" + inForce + "/attestations",
                                priya)
                        .statusCode())
                .isIn(200, 201);
        signIn("morgan.governance", "/subject-access.html");
        browser.visible(By.id("pick-person")).sendKeys("priya sh");
        browser.visible(By.cssSelector("#who button[data-colleague='10000002']"))
                .click();
        browser.visible(By.id("make")).click();
        browser.waitForText(By.id("respond-by"), "respond by");
        assertThat(browser.visible(By.id("bundle")).getText())
                .contains("Priya Shah")
                .contains(reference)
                .contains("a confidential reporter")
                .doesNotContain("10000081");
        browser.screenshot("subject-access");
        accessible("subject-access");
        HttpResponse<String> sar = http.postJson(
                Platform.GATEWAY + "/api/audit/subject-access",
                governance,
                Map.of("staffNumber", "10000002", "requestedOn", LocalDate.now().toString()));
        assertThat(sar.statusCode()).as(sar.body()).isEqualTo(200);
        JsonNode bundle = json(sar);
        assertThat(bundle.get("training").get("roster").get("name").asString()).isEqualTo("Priya Shah");
        assertThat(bundle.get("policy").get("acknowledgements")).isNotEmpty();
        assertThat(bundle.get("incidents").findValuesAsString("reference")).contains(reference);
        assertThat(bundle.get("readsOfTheirRecords")).isNotEmpty();
        assertThat(sar.body())
                .as("no other person's name or number")
                .doesNotContain("10000001")
                .doesNotContain("Alex Carter")
                .doesNotContain("10000004")
                .doesNotContain("Morgan")
                .doesNotContain("10000005")
                .doesNotContain("Chris")
                .doesNotContain(staffNumber)
                .doesNotContain(surname);
        String keys = http.get(Platform.GATEWAY + "/api/audit/log/checkpoint/key", governance)
                        .body()
                        .strip() + ","
                + http.get(Platform.GATEWAY + "/api/witness/key", governance)
                        .body()
                        .strip();
        assertThat(OfflineVerifier.run("bundle", sar.body(), keys))
                .startsWith("OK: ")
                .contains("complete and unedited as sealed in entry");
        assertThat(OfflineVerifier.run("bundle", sar.body().replace("Priya Shah", "Priya Shaw"), keys))
                .as("an edited bundle")
                .doesNotStartWith("OK");

        Map<String, List<String>> found = new HashMap<>();
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Platform.data())) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(Platform.data().resolve("keycloak"))
                            && !f.startsWith(Platform.data().resolve("run")))
                    .forEach(kept::add);
        }
        try (Stream<Path> logs = Files.list(Platform.logs())) {
            logs.filter(f -> !f.getFileName().toString().startsWith("keycloak")).forEach(kept::add);
        }
        for (Path file : kept) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> hits = Stream.of(staffNumber, "drew.pharmacy", surname, keycloakId)
                    .filter(identifier -> StoredText.holds(content, identifier))
                    .toList();
            if (!hits.isEmpty()) {
                found.put(file.toString(), hits);
            }
        }
        assertThat(kept).as("the stores and the logs were searched").hasSizeGreaterThan(8);
        assertThat(found)
                .as("files of the platform that name the confidential reporter")
                .isEmpty();
    }

    /** One signed-in browser per person for the whole class (signing in is the slowest step); closed at the end. */
    private static final Map<String, Browser> SIGNED_IN = new HashMap<>();

    private static final List<Browser> OPENED = new ArrayList<>();
    private final Http http = new Http();
    private Browser browser;

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (ExtensionContext context, Throwable failure) -> {
        if (browser != null) {
            failure.addSuppressed(new AssertionError(
                    "screenshot: " + browser.screenshot(context.getDisplayName()) + "\n" + browser.describe()));
        }
        throw failure;
    };

    @AfterAll
    static void closeBrowsers() {
        OPENED.forEach(Browser::close);
    }

    /**
     * The person's browser on a page of the gateway. The first time, a fresh browser (no cookies) opens the page, is
     * sent to Keycloak's login page and signs in; later, the same browser (still signed in) opens the page.
     */
    private Browser signIn(String username, String page) {
        Browser known = SIGNED_IN.get(username);
        if (known != null) {
            browser = known;
            browser.go(Platform.GATEWAY + page);
            browser.waitUntilUrlStartsWith(Platform.GATEWAY + page);
            return browser;
        }
        browser = Browser.open();
        OPENED.add(browser);
        browser.go(Platform.GATEWAY + page);
        browser.waitUntilUrlStartsWith(Platform.REALM + "/protocol/openid-connect/auth");
        browser.visible(By.id("username")).sendKeys(username);
        browser.visible(By.id("password")).sendKeys(Http.PASSWORD);
        browser.visible(By.id("kc-login")).click();
        browser.waitUntilUrlStartsWith(Platform.GATEWAY + page);
        SIGNED_IN.put(username, browser);
        return browser;
    }

    @Test
    void aDoctorTakesHerModuleFailsOncePassesAndGovernanceAndHerManagerSeeTheirViews() {
        publishTheDepartmentsModule();

        signIn("priya.doctor", "/training.html");
        WebElement row = browser.visible(ROW);
        assertThat(row.getText()).contains(TITLE).contains("Not started");
        row.findElement(By.linkText("Start")).click();

        // The content is the module's Markdown rendered by training-service; the answers never reach the page.
        browser.visible(By.id("assessment"));
        assertThat(browser.visible(By.cssSelector(".section-body strong")).getText())
                .isEqualTo("Never");
        accessible("module");
        assertThat(browser.driver().getPageSource()).doesNotContain("\"correct\"");

        // Her answers reach training-service but the page never hears back: sending them again is safe (the same
        // answers are answered with the result recorded the first time), and the page says so.
        loseTheAnswersTo("/submit");
        answer(Map.of("q1", List.of("a"), "q2", List.of("a")));
        browser.waitForText(By.id("form-error"), "It is safe to send it again");
        answersComeBack();
        browser.visible(By.id("submit")).click();
        browser.waitForText(By.id("result"), "Not passed: you scored 0%");
        browser.visible(By.linkText("Try again")).click();

        browser.visible(By.id("assessment"));
        // She passes with the keyboard only: arrows within a group of options, Space for a tick box, Enter to send.
        answerWithTheKeyboard(Map.of("q1", List.of("b"), "q2", List.of("a", "c")));
        browser.waitForText(By.id("result"), "Passed: you scored 100%");
        browser.visible(By.id("certificate-link")).click();

        assertThat(browser.visible(By.id("holder")).getText()).isEqualTo("Priya Shah");
        assertThat(browser.visible(By.id("module-title")).getText()).isEqualTo(TITLE);
        assertThat(browser.visible(By.id("certificate-body")).getText())
                .contains("10000002")
                .contains("SM-001 version 1.0");
        browser.screenshot("certificate");
        accessible("certificate");

        browser.go(Platform.GATEWAY + "/training.html");
        browser.waitForText(ROW, "Complete");
        browser.screenshot("my-training");
        accessible("training");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Governance sees the trust, then the department: the one pass is there.
        signIn("morgan.governance", "/compliance.html");
        browser.waitForText(By.id("scope"), "the whole trust");
        browser.visible(By.cssSelector("section[data-module='" + CODE + "'] a")).click();
        browser.waitForText(By.id("scope"), "Emergency Department");
        WebElement compliant = browser.visible(By.cssSelector("section[data-module='" + CODE
                + "'] tr[data-department='Emergency Department'] td[data-status='COMPLIANT']"));
        assertThat(compliant.getText()).startsWith("1 (");
        browser.screenshot("compliance-department");
        accessible("compliance");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Her colleague's line manager sees his team, and is refused her department.
        signIn("chris.manager", "/compliance.html");
        browser.waitForText(By.id("scope"), "my team");
        browser.go(Platform.GATEWAY + "/coverage.html?code=SM-001");
        browser.until(d -> !d.findElement(By.id("coverage")).getText().startsWith("Loading"));
        assertThat(browser.driver().findElements(By.cssSelector("#coverage-table tbody tr")))
                .as("a line manager's coverage is his own department's")
                .allSatisfy(department ->
                        assertThat(department.getAttribute("data-label")).isEqualTo("Acute Medicine"));
        browser.go(Platform.GATEWAY + "/compliance.html");
        browser.waitForText(By.id("scope"), "my team");
        browser.go(Platform.GATEWAY + "/compliance.html?department=Emergency%20Department");
        assertThat(browser.visible(By.cssSelector("#report .error")).getText()).contains("does not allow");

        // What the browser did is what the API says.
        HttpResponse<String> record = http.get(
                Platform.GATEWAY + "/api/training/compliance/staff/10000002", http.personToken("morgan.governance"));
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        boolean passed = false;
        for (var standing : json(record).get("modules")) {
            if (standing.get("moduleCode").asString().equals(CODE)) {
                passed = standing.get("status").asString().equals("COMPLIANT");
            }
        }
        assertThat(passed).as(record.body()).isTrue();
    }

    @Test
    void aNurseReportsAConcernAndGovernanceWorksTheCaseToItsClose() {
        signIn("alex.nurse", "/report.html");
        browser.waitForText(By.cssSelector("header nav"), "Report a concern");
        assertThat(browser.visible(By.cssSelector("header nav")).getText())
                .as("links for her roles only")
                .contains("My training")
                .doesNotContain("Incidents")
                .doesNotContain("Compliance");
        // The colleague is found by name in the staff directory (HR's roster), not by typing a staff number. The
        // whole form is filled with the keyboard only, as by someone who does not use a mouse: Tab to each field,
        // type, arrows to choose, Space to tick, Enter to press.
        uploadTheRoster();
        tabTo(By.id("pick-subject"));
        keys("priya sh");
        tabTo(By.cssSelector("button[data-colleague='10000002']"));
        keys(Keys.ENTER);
        browser.waitForText(By.cssSelector("[data-picker-chosen='subject']"), "Priya Shah, Emergency Department");
        assertThat(browser.visible(By.id("occurred")).getAttribute("value"))
                .as("it happened today unless she says otherwise")
                .startsWith(LocalDate.now().toString());
        assertThat(browser.visible(By.id("occurred")).getAttribute("max"))
                .as("no later than now, no earlier than 2000: the browser says so before audit-service would")
                .isEqualTo(browser.visible(By.id("occurred")).getAttribute("value"));
        assertThat(browser.visible(By.id("occurred")).getAttribute("min")).isEqualTo("2000-01-01T00:00");
        chooseWithKeys("platform", "INSTAGRAM");
        chooseWithKeys("category", "PATIENT_IMAGES_WITHOUT_CONSENT");
        chooseWithKeys("severity", "HIGH");
        tabTo(By.id("description"));
        keys("A story shows bay 3; a patient is recognisable.");
        chooseWithKeys("policy", "SM-001");
        tabTo(By.cssSelector("input[name='clause'][value*='\"clauseNumber\":\"4.2\"']"));
        keys(Keys.SPACE);
        tabTo(By.id("evidence-url"));
        keys("https://www.instagram.com/stories/example/1");
        tabTo(By.id("send"));
        keys(Keys.ENTER);

        browser.waitForText(By.id("sent"), "Your report is SMB-");
        String reference =
                browser.visible(By.cssSelector("#sent h3")).getText().replaceAll(".*(SMB-[0-9]{4}-[0-9]{6}).*", "$1");
        assertThat(browser.visible(By.cssSelector("#my-reports tr[data-reference='" + reference + "']"))
                        .getText())
                .contains("Reported, awaiting triage")
                .doesNotContain("REPORTED");
        browser.screenshot("report-a-concern");
        accessible("report");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // A lost answer: the report reaches audit-service but the page never hears back (a connection dropped on the
        // ward's Wi-Fi). "Nothing you entered has been lost, try again" would make a second report of the same post,
        // unless the report carries its Idempotency-Key: the page says it may have been saved, that sending it again
        // is safe, and shows her reports, where it is; sent again, it is the same case, not a second one.
        browser.go(Platform.GATEWAY + "/report.html");
        browser.present(By.cssSelector("#my-reports tr[data-reference='" + reference + "']"));
        int reported = browser.driver()
                .findElements(By.cssSelector("#my-reports tbody tr"))
                .size();
        browser.visible(By.id("pick-subject")).sendKeys("priya sh");
        browser.visible(By.cssSelector("button[data-colleague='10000002']")).click();
        for (String[] choice : new String[][] {
            {"platform", "INSTAGRAM"},
            {"category", "PATIENT_IMAGES_WITHOUT_CONSENT"},
            {"severity", "HIGH"},
            {"policy", "SM-001"}
        }) {
            browser.present(By.cssSelector("#" + choice[0] + " option[value='" + choice[1] + "']"));
            new Select(browser.visible(By.id(choice[0]))).selectByValue(choice[1]);
        }
        browser.visible(By.cssSelector("input[name='clause'][value*='\"clauseNumber\":\"4.2\"']"))
                .click();
        browser.visible(By.id("description")).sendKeys("Another story from bay 3.");
        loseTheAnswersTo(""); // every POST
        browser.visible(By.id("send")).click();
        browser.waitForText(By.id("form-error"), "may or may not have been saved");
        assertThat(browser.visible(By.id("form-error")).getText())
                .contains("It is safe to send it again")
                .contains("if this one is there, it arrived")
                .doesNotContain("nothing you entered has been lost");
        browser.until(
                d -> d.findElements(By.cssSelector("#my-reports tbody tr")).size() == reported + 1);
        String arrived = browser.driver().findElements(By.cssSelector("#my-reports tbody tr")).stream()
                .map(row -> row.getAttribute("data-reference"))
                .filter(r -> !r.equals(reference))
                .max(String::compareTo)
                .orElseThrow();
        answersComeBack();
        browser.visible(By.id("send")).click();
        browser.waitForText(By.id("sent"), "Your report is " + arrived);
        browser.until(d -> d.findElements(By.cssSelector("#my-reports tbody tr[data-reference='" + arrived + "']"))
                        .size()
                == 1);
        assertThat(browser.driver()
                        .findElements(By.cssSelector("#my-reports tbody tr"))
                        .size())
                .as("sent again, the report is the case it recorded the first time, not a second one")
                .isEqualTo(reported + 1);

        // Signing out ends the gateway session and the Keycloak session, and comes back to the landing page.
        SIGNED_IN.remove("alex.nurse");
        browser.visible(By.cssSelector("header form button")).click();
        browser.visible(By.id("login"));
        assertThat(browser.visible(By.tagName("header")).getText())
                .contains("Social media governance")
                .doesNotContain("Sign out");
        accessible("index (signed out)");
        browser.go(Platform.GATEWAY + "/report.html");
        browser.waitUntilUrlStartsWith(Platform.REALM + "/protocol/openid-connect/auth");
        assertThat(browser.visible(By.id("username")).getAttribute("value"))
                .as("signed out of Keycloak too")
                .isEmpty();

        // Governance works the case in the browser, step by step, and the audit log verifies.
        signIn("morgan.governance", "/incidents.html");
        browser.waitForText(By.cssSelector("header nav"), "Incidents");
        browser.visible(By.cssSelector("#incident-list tr[data-reference='" + reference + "'] a"))
                .click();
        browser.waitForText(By.id("incident-status"), "Reported");
        assertThat(browser.visible(By.id("incident")).getText())
                .as("people by name, not by their log name")
                .contains("Alex Carter (staff number 10000001)")
                .contains("Priya Shah (staff number 10000002)")
                .doesNotContain("staff:1")
                .contains("bay 3")
                .contains("SM-001 v1.0 clause 4.2");
        assertThat(browser.visible(By.cssSelector("#breached-clauses a")).getAttribute("href"))
                .as("the breached clause links to its policy at that clause")
                .isEqualTo(Platform.GATEWAY + "/policy.html?code=SM-001&version=1.0#4.2");
        submit("triage");
        browser.waitForText(By.id("incident-status"), "Triaged");
        browser.visible(By.id("pick-staffNumber")).sendKeys("chris");
        browser.visible(By.cssSelector("#assign button[data-colleague='10000005']"))
                .click();
        submit("assign");
        browser.waitForText(By.cssSelector(".facts"), "Chris Okafor (staff number 10000005)");
        submit("investigate");
        browser.waitForText(By.id("incident-status"), "Under investigation");
        browser.visible(By.cssSelector("#note textarea[name='text']"))
                .sendKeys("The story was taken down within the hour.");
        // The note reaches audit-service but the page never hears back: sending it again is safe (its key), the page
        // says so, and the note is added once.
        loseTheAnswersTo("/notes");
        submit("note");
        browser.waitForText(By.cssSelector("#note .error"), "It is safe to send it again");
        answersComeBack();
        submit("note");
        browser.waitForText(By.id("notes"), "taken down within the hour");
        assertThat(browser.driver().findElements(By.cssSelector("#notes li")))
                .as("the note sent twice is added once")
                .hasSize(1);
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Governance records the outcome with the keyboard only, confirmation included.
        browser.present(By.cssSelector("#record-outcome select[name='type'] option[value='FORMAL_WARNING']"));
        chooseWithKeys(By.cssSelector("#record-outcome select[name='type']"), "FORMAL_WARNING");
        tabTo(By.cssSelector("#record-outcome textarea[name='summary']"));
        keys("Formal warning, 12 months.");
        tabTo(By.cssSelector("#record-outcome button[type='submit']"));
        keys(Keys.ENTER);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("data-confirm"))
                .as("the confirmation has the focus")
                .isEqualTo("record-outcome");
        keys(Keys.ENTER);
        browser.waitForText(By.cssSelector("#record-outcome .error"), "expires on");
        LocalDate expires = LocalDate.now().plusYears(1);
        tabTo(By.cssSelector("#record-outcome input[name='expiresOn']"));
        // A date field's parts come in the browser's own order (month first in en-US, day first in en-GB).
        @SuppressWarnings("unchecked")
        List<String> order = (List<String>) browser.driver()
                .executeScript(
                        "return new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2000, 10, 22))"
                                + ".filter(p => p.type !== 'literal').map(p => p.type)");
        for (String part : order) {
            keys(
                    switch (part) {
                        case "day" -> String.format("%02d", expires.getDayOfMonth());
                        case "month" -> String.format("%02d", expires.getMonthValue());
                        default -> String.valueOf(expires.getYear());
                    });
        }
        assertThat(browser.visible(By.cssSelector("#record-outcome input[name='expiresOn']"))
                        .getAttribute("value"))
                .as("typed in the order " + order)
                .isEqualTo(expires.toString());
        tabTo(By.cssSelector("#record-outcome button[type='submit']"));
        keys(Keys.ENTER);
        browser.visible(By.cssSelector("[data-confirm='record-outcome']"));
        keys(Keys.ENTER);
        browser.waitForText(By.id("incident-status"), "Outcome recorded");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Formal warning");
        submit("close");
        assertThat(browser.visible(By.cssSelector("#close .confirm")).getText())
                .as("what closing means, before it is sent")
                .contains("cannot be undone");
        browser.visible(By.cssSelector("[data-confirm='close']")).click();
        browser.waitForText(By.id("incident-status"), "Closed");
        browser.screenshot("incident-closed");
        accessible("incident");

        // An investigator who has since left the trust: HR's roster says so, and the open case's page says to assign
        // another (the directory names a leaver as one).
        String hr = http.clientToken("hr-system", "hr-system-secret");
        Map<String, Object> jo = new HashMap<>(Map.of(
                "staffNumber",
                "40000001",
                "name",
                "Jo Marlowe",
                "department",
                "Bank Staff Office",
                "staffGroup",
                "Nursing and Midwifery Registered"));
        assertThat(http.postJson(Platform.GATEWAY + "/api/training/staff", hr, List.of(jo))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> opened = http.postJson(
                Platform.GATEWAY + "/api/audit/incidents",
                http.personToken("alex.nurse"),
                Map.of(
                        "subjectStaffNumber", "10000002",
                        "occurredAt", java.time.Instant.now().minusSeconds(3600).toString(),
                        "platform", "X",
                        "category", "OTHER",
                        "severity", "LOW",
                        "description", "A post naming the ward's patients' conditions.",
                        "breachedClauses",
                                List.of(Map.of(
                                        "policyCode", "SM-001", "policyVersion", "1.0", "clauseNumber", "4.2"))));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String open = Platform.GATEWAY + "/api/audit/incidents/"
                + json(opened).get("reference").asString();
        String morgan = http.personToken("morgan.governance");
        assertThat(http.postJson(open + "/triage", morgan, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(http.postJson(open + "/investigator", morgan, Map.of("staffNumber", "40000001"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.postJson(
                                open + "/actions",
                                morgan,
                                Map.of(
                                        "description", "Ask for the post to come down",
                                        "ownerStaffNumber", "40000001",
                                        "dueOn", LocalDate.now().plusDays(7).toString()))
                        .statusCode())
                .isEqualTo(200);
        jo.put("active", false);
        jo.put("leavingDate", LocalDate.now().toString());
        assertThat(http.postJson(Platform.GATEWAY + "/api/training/staff", hr, List.of(jo))
                        .statusCode())
                .isEqualTo(200);
        browser.go(Platform.GATEWAY + "/incident.html?ref="
                + json(opened).get("reference").asString());
        browser.waitForText(
                By.cssSelector(".facts"),
                "Jo Marlowe (staff number 40000001) (has left the trust: assign another investigator)");
        browser.waitForText(By.id("actions"), "Jo Marlowe (staff number 40000001) (has left the trust)");

        // The incidents page says, without being asked, that a case waits on someone who has left, and lists it.
        String waitingReference = json(opened).get("reference").asString();
        browser.go(Platform.GATEWAY + "/incidents.html");
        browser.waitForText(By.id("leaver-notice"), "on someone who has left the trust");
        browser.visible(By.id("show-leaver-cases")).click();
        // Only cases waiting on a leaver: the closed case of this test is not one (the list before it included it).
        browser.until(d -> d.findElement(By.id("filter-leaver")).isSelected()
                && d.findElements(By.cssSelector("#incident-list tr[data-reference='" + waitingReference + "']"))
                                .size()
                        == 1
                && d.findElements(By.cssSelector("#incident-list tr[data-reference='" + reference + "']"))
                        .isEmpty());
        browser.go(Platform.GATEWAY + "/incidents.html");
        // The notice above the list is shown with it, in the same moment: once the list is there nothing above it
        // moves, so a click on the button below lands where it was aimed. (It came after the list before, and the
        // suite's click once landed on the list.)
        browser.present(By.cssSelector("#incident-list"));
        assertThat(browser.driver().findElements(By.cssSelector("#leaver-notice[data-checked]")))
                .as("the notice settled when the list was shown")
                .hasSize(1);
        browser.visible(By.id("verify")).click();
        browser.waitForText(By.id("verification"), "Intact");
        accessible("incidents");
        assertThat(browser.consoleErrors())
                .as("the only error logged is the refused outcome the test provoked")
                .singleElement()
                .asString()
                .contains("/outcome")
                .contains("status of 400");

        // Swagger UI, for what has no page yet, works under the same Content-Security-Policy.
        browser.go(Platform.GATEWAY + "/swagger-ui.html");
        browser.waitForText(
                By.cssSelector(".swagger-ui .information-container"), "-service"); // the first API of the list
        assertThat(browser.consoleErrors()).as("errors Swagger UI logged").isEmpty();

        HttpResponse<String> recorded =
                http.get(Platform.GATEWAY + "/api/audit/incidents/" + reference, http.personToken("morgan.governance"));
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(json(recorded).get("reportedBy").asString()).isEqualTo("staff:10000001");
        assertThat(json(recorded).get("occurredAt").asString())
                .startsWith(LocalDate.now().minusDays(1).toString().substring(0, 4));
        assertThat(recorded.body()).contains("\"clauseNumber\":\"4.2\"").contains("instagram.com/stories/example/1");
    }

    @Test
    void aNurseReadsAcknowledgesAndSeesWhatChangedAndFindsResourcesForAServiceUser() {
        String governance = http.personToken("morgan.governance");
        String author = http.personToken("jordan.author");
        String code = newPolicy(author, "Messaging apps at work");
        String title = "Messaging apps at work";
        publish(
                author,
                governance,
                code,
                "1.0",
                List.of(
                        Map.of("number", "1.1", "heading", "Purpose", "text", "How staff use messaging apps for work."),
                        Map.of(
                                "number",
                                "2.1",
                                "heading",
                                "Patient details",
                                "text",
                                "Never send patient details in a personal group chat."),
                        Map.of("number", "3.1", "heading", "Groups", "text", "Ward groups are for rotas only.")),
                "First issue");

        // The day's reminders run: her notifications on the start page say it waits for her acknowledgement.
        uploadTheRoster();
        assertThat(http.post(Platform.GATEWAY + "/api/training/reminders/run", governance)
                        .statusCode())
                .isEqualTo(200);

        // The to-do list asks her to acknowledge it, and so does her notification, unread; the notification opens the
        // policy, where she confirms the version, and is read from then on.
        signIn("alex.nurse", "/policies.html");
        browser.go(Platform.GATEWAY + "/");
        By notice = By.xpath("//section[@id='notifications']//li[@data-notification='policy.acknowledgement-owed']"
                + "[contains(., '" + title + "')]");
        assertThat(browser.visible(notice).getAttribute("class")).isEqualTo("unread");
        browser.screenshot("notifications");
        WebElement owed = browser.visible(By.xpath("//li[@data-todo='acknowledge'][contains(., '" + code + "')]"));
        assertThat(owed.getText()).contains("version 1.0");
        accessible("index (to-do list)");
        assertThat(browser.visible(notice).findElements(By.cssSelector("[data-done]")))
                .as("not done yet")
                .isEmpty();
        browser.visible(notice).findElement(By.cssSelector("a[data-page]")).click();
        browser.waitForText(By.id("title"), title);
        assertThat(browser.visible(By.id("2.1")).getText()).contains("Never send patient details");
        browser.visible(By.id("acknowledge")).click();
        assertThat(browser.visible(By.id("confirm")).getText()).contains(title + " (" + code + ") version 1.0");
        accessible("policy (acknowledging)");
        browser.visible(By.id("confirm-acknowledge")).click();
        browser.waitForText(By.id("acknowledged"), "You acknowledged " + code + " version 1.0");

        // Back on the start page, the notice is read and says it is done; nothing is asked of her for it. (The mark
        // went as the start page left, with keepalive: the list is read again once the service has it, which on
        // the embedded store can wait behind a large trust's reminders being composed.)
        String alex = http.personToken("alex.nurse");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> followed = new ArrayList<>();
            json(http.get(Platform.GATEWAY + "/api/training/my/notifications?size=100", alex))
                    .get("items")
                    .forEach(n -> {
                        if (n.get("text").asString().startsWith(title + " (version 1.0)")) {
                            followed.add(n);
                        }
                    });
            assertThat(followed)
                    .singleElement()
                    .satisfies(n -> assertThat(n.get("read").asBoolean()).isTrue());
        });
        browser.go(Platform.GATEWAY + "/");
        browser.until(d -> d.findElements(By.xpath("//li[@data-notification='policy.acknowledgement-owed']"
                                + "[contains(., '" + title + "')][@data-done][contains(@class, 'muted')]"))
                        .size()
                == 1);
        assertThat(browser.visible(notice).getText()).contains("Done").doesNotContain("Mark as read");
        assertThat(browser.driver()
                        .findElements(By.xpath("//li[@data-todo='acknowledge'][contains(., '" + code + "')]")))
                .isEmpty();
        browser.screenshot("notification-done");
        accessible("index (notifications read and done)");

        // A major version changes one clause, adds one and removes one: she sees exactly that, and acknowledges again.
        publish(
                author,
                governance,
                code,
                "2.0",
                List.of(
                        Map.of("number", "1.1", "heading", "Purpose", "text", "How staff use messaging apps for work."),
                        Map.of(
                                "number",
                                "2.1",
                                "heading",
                                "Patient details",
                                "text",
                                "Never send patient details or images in any chat outside NHSmail."),
                        Map.of(
                                "number",
                                "4.1",
                                "heading",
                                "Leaving a group",
                                "text",
                                "Leave work groups when you leave the ward.")),
                "Covers images; groups clause replaced");
        // The next run tells her of version 2.0; she marks that notice read where it is, without opening it.
        assertThat(http.post(Platform.GATEWAY + "/api/training/reminders/run", governance)
                        .statusCode())
                .isEqualTo(200);
        browser.go(Platform.GATEWAY + "/");
        By secondNotice = By.xpath("//li[@data-notification='policy.acknowledgement-owed']" + "[contains(., '" + title
                + " (version 2.0)')]");
        assertThat(browser.visible(secondNotice).getAttribute("class")).isEqualTo("unread");
        // With the network down the mark is not made, and the page says so rather than "Marked as read".
        cutTheLineTo("/read");
        browser.visible(secondNotice)
                .findElement(By.cssSelector("button[data-read]"))
                .click();
        browser.until(d ->
                d.findElement(By.id("announcer")).getAttribute("textContent").contains("could not be marked as read"));
        assertThat(browser.visible(secondNotice).getAttribute("class")).isEqualTo("unread");
        // (the page says it once the list is drawn again and the keyboard placed: nothing moves after the words)
        assertThat(browser.driver().switchTo().activeElement().getAttribute("data-read"))
                .as("the keyboard is on its button, to try again")
                .isNotNull();
        answersComeBack();
        browser.visible(secondNotice)
                .findElement(By.cssSelector("button[data-read]"))
                .click();
        browser.until(d ->
                d.findElement(By.id("announcer")).getAttribute("textContent").equals("Marked as read."));
        // (the list is drawn again once it is marked: found afresh each time, not held)
        browser.until(d -> d.findElements(By.xpath("//li[@data-notification='policy.acknowledgement-owed']"
                                + "[contains(., '" + title + " (version 2.0)')][@class='muted']"
                                + "[not(.//button[@data-read])]"))
                        .size()
                == 1);
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(Platform.GATEWAY + "/");
        browser.visible(By.xpath(
                        "//li[@data-todo='acknowledge'][contains(., '" + code + "')][contains(., 'version 2.0')]//a"))
                .click();
        browser.waitForText(By.id("changes"), "What changed since version 1.0");
        WebElement changed =
                browser.visible(By.cssSelector("#change-list li[data-change='changed'][data-clause='2.1']"));
        assertThat(changed.findElements(By.tagName("ins")).stream()
                        .map(WebElement::getText)
                        .toList())
                .anySatisfy(words -> assertThat(words).contains("or images"))
                .anySatisfy(words -> assertThat(words).contains("outside NHSmail"));
        assertThat(changed.findElements(By.tagName("del")).stream()
                        .map(WebElement::getText)
                        .toList())
                .anySatisfy(words -> assertThat(words).contains("a personal group"));
        assertThat(browser.visible(By.cssSelector("#change-list li[data-change='added']"))
                        .getText())
                .contains("4.1")
                .contains("Leaving a group");
        assertThat(browser.visible(By.cssSelector("#change-list li[data-change='removed']"))
                        .getText())
                .contains("3.1")
                .contains("Groups");
        accessible("policy (what changed)");
        browser.screenshot("policy-what-changed");
        browser.visible(By.id("acknowledge")).click();
        browser.visible(By.id("confirm-acknowledge")).click();
        browser.waitForText(By.id("acknowledged"), "version 2.0");
        browser.go(Platform.GATEWAY + "/");
        browser.waitForText(By.cssSelector("header nav"), "Policies");
        browser.until(d -> !d.findElement(By.id("todo")).getText().startsWith("Loading"));
        assertThat(browser.visible(By.id("todo")).getText())
                .as("the item has gone")
                .doesNotContain(code);

        // A clause link opens the policy at that clause; the list of policies says where she stands.
        browser.go(Platform.GATEWAY + "/policy.html?code=" + code + "#4.1");
        assertThat(browser.visible(By.cssSelector("section.cited")).getAttribute("id"))
                .isEqualTo("4.1");
        browser.go(Platform.GATEWAY + "/policies.html?q=" + code);
        assertThat(browser.visible(By.cssSelector("tr[data-policy='" + code + "']"))
                        .getText())
                .contains("2.0")
                .contains("Acknowledged version 2.0");
        accessible("policies");

        Browser nurseAfterAcknowledging = browser;
        // Priya, on the same roster, was told of version 1.0 and never acknowledged it: now that 2.0 is asked of her
        // instead, that notice says it is no longer asked (not done), and the one about 2.0 is still open.
        signIn("priya.doctor", "/policies.html");
        browser.go(Platform.GATEWAY + "/");
        String priyasNotices = "//section[@id='notifications']//li[@data-notification='policy.acknowledgement-owed']";
        browser.until(d -> d.findElements(By.xpath(priyasNotices + "[contains(., '" + title
                                + " (version 1.0)')][@data-no-longer-asked][not(@data-done)]"))
                        .size()
                == 1);
        assertThat(browser.visible(By.xpath(priyasNotices + "[contains(., '" + title + " (version 1.0)')]"))
                        .getText())
                .contains("No longer asked")
                .doesNotContain("Done");
        assertThat(browser.visible(By.xpath(priyasNotices + "[contains(., '" + title + " (version 2.0)')]"))
                        .getAttribute("outerHTML"))
                .as("still asked")
                .doesNotContain("data-done")
                .doesNotContain("data-no-longer-asked");
        accessible("index (a notice no longer asked)");
        browser = nurseAfterAcknowledging;

        // The author drafts a minor version in the browser from the version in force, beside it, and opens the
        // consultation; it is on the nurse's to-do list, and she comments on a clause beside its text.
        Browser nurse = browser;
        signIn("jordan.author", "/policies.html?q=" + code);
        browser.visible(By.cssSelector("a[data-new-draft='" + code + "']")).click();
        browser.waitForText(By.id("title"), "A new draft of " + title);
        browser.visible(By.cssSelector("input[name='kind'][value='2.1']")).click();
        assertThat(browser.visible(By.id("kinds")).getText())
                .contains("Major change, version 3.0: everyone must acknowledge it again")
                .contains("Minor change, version 2.1");
        WebElement clause21 =
                browser.visible(By.xpath("//div[@data-clause-row][.//input[@name='number' and @value='2.1']]"));
        clause21.findElement(By.name("text")).sendKeys(Keys.END, Keys.BACK_SPACE, " or Teams.");
        assertThat(clause21.findElement(By.cssSelector(".in-force ins")).getText())
                .contains("or Teams.");
        browser.visible(By.xpath(
                        "//div[@data-clause-row][.//input[@name='number' and @value='4.1']]//button[@data-remove]"))
                .click();
        browser.visible(By.id("add-clause")).click();
        WebElement newClause = browser.driver()
                .findElements(By.cssSelector("[data-clause-row]"))
                .get(2);
        newClause.findElement(By.name("number")).sendKeys("5.1");
        newClause.findElement(By.name("heading")).sendKeys("Raising a concern");
        newClause.findElement(By.name("text")).sendKeys("Report a colleague's post through the concern form.");
        browser.visible(By.id("summary")).sendKeys("Teams allowed; leaving groups moved to the induction pack");
        browser.driver()
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        browser.visible(By.id("effective")),
                        LocalDate.now().toString());
        accessible("draft");
        browser.visible(By.id("save-draft")).click();
        browser.waitForText(By.id("draft-saved"), "Draft " + code + " version 2.1 saved");
        browser.visible(By.id("submit-draft")).click();
        browser.waitForText(By.id("status"), "In review");
        JsonNode drafted = json(http.get(Platform.GATEWAY + "/api/policy/policies/" + code + "/versions/2.1", author));
        List<String> numbers = new ArrayList<>();
        drafted.get("clauses").forEach(c -> numbers.add(c.get("number").asString()));
        assertThat(numbers).containsExactly("1.1", "2.1", "5.1");
        assertThat(drafted.get("clauses").get(1).get("text").asString()).endsWith("outside NHSmail or Teams.");
        Browser authorBrowser = browser;

        browser = nurse;
        browser.go(Platform.GATEWAY + "/");
        browser.visible(By.xpath("//li[@data-todo='consultation'][contains(., '" + code + "')]//a"))
                .click();
        browser.waitForText(By.id("open-count"), "0 comments are open");
        WebElement commentForm = browser.visible(By.cssSelector("form.comment-form[data-clause='2.1']"));
        commentForm.findElement(By.tagName("textarea")).sendKeys("Does this cover WhatsApp on a trust phone?");
        commentForm.findElement(By.tagName("button")).click();
        browser.waitForText(By.id("open-count"), "1 comment is open");
        assertThat(browser.visible(By.cssSelector("section[id='2.1'] .comment")).getText())
                .contains("alex.nurse")
                .contains("WhatsApp on a trust phone");
        assertThat(browser.driver().findElements(By.cssSelector(".reply-form")))
                .as("staff do not answer comments")
                .isEmpty();
        accessible("consultation (staff)");

        // The author answers and resolves it.
        browser = authorBrowser;
        browser.go(Platform.GATEWAY + "/consultation.html?code=" + code + "&version=2.1");
        WebElement reply = browser.visible(By.cssSelector("section[id='2.1'] .reply-form"));
        reply.findElement(By.tagName("textarea")).sendKeys("Yes: a trust phone is still outside NHSmail or Teams.");
        reply.findElement(By.cssSelector("button[type='submit']")).click();
        browser.waitForText(By.cssSelector("section[id='2.1'] .comment"), "jordan.author replied");
        // The resolution reaches policy-service but the page never hears back: resolving again is safe (its key),
        // where without the key it would be "already resolved".
        loseTheAnswersTo("/resolve");
        browser.visible(By.cssSelector("section[id='2.1'] [data-resolve]")).click();
        browser.waitForText(By.cssSelector("section[id='2.1'] .reply-form .error"), "It is safe to send it again");
        answersComeBack();
        browser.visible(By.cssSelector("section[id='2.1'] [data-resolve]")).click();
        browser.waitForText(By.id("open-count"), "0 comments are open, 1 resolved");
        accessible("consultation (author)");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();
        browser = nurse;

        // Signposting: she searches, ticks two resources and gets a card that prints without the page around it.
        browser.go(Platform.GATEWAY + "/resources.html");
        browser.visible(By.cssSelector("section[data-topic='PEER_SUPPORT']"));
        accessible("resources (staff)");
        browser.visible(By.id("query")).sendKeys("samaritans");
        browser.until(d -> d.findElements(By.cssSelector("li.resource")).size() == 1);
        browser.visible(By.cssSelector("li.resource[data-resource='Samaritans'] input[type='checkbox']"))
                .click();
        browser.visible(By.id("query")).clear();
        new Select(browser.visible(By.id("topic"))).selectByValue("HEALTH_INFORMATION");
        browser.visible(By.cssSelector(
                        "li.resource[data-resource='NHS mental health services'] input[type='checkbox']"))
                .click();
        assertThat(browser.visible(By.id("card-list")).getText())
                .contains("Samaritans")
                .contains("https://www.samaritans.org/")
                .contains("NHS mental health services");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(browser.driver().findElement(By.tagName("header")).isDisplayed())
                .as("printed: no page header")
                .isFalse();
        assertThat(browser.driver().findElement(By.id("search")).isDisplayed())
                .as("printed: no search form")
                .isFalse();
        assertThat(browser.visible(By.id("card")).getText()).contains("Samaritans");
        browser.screenshot("resources-card-printed");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Governance approves and publishes the minor version; the four-eyes rule is shown before any button.
        signIn("morgan.governance", "/consultation.html?code=" + code + "&version=2.1");
        assertThat(browser.visible(By.id("change-kind")).getText()).contains("minor version");
        browser.visible(By.id("approve")).click();
        browser.visible(By.id("confirm-approve")).click();
        browser.waitForText(By.id("status"), "Approved");
        browser.visible(By.id("publish")).click();
        browser.visible(By.id("confirm-publish")).click();
        browser.waitForText(By.id("status"), "Published");
        String versions = Platform.GATEWAY + "/api/policy/policies/" + code + "/versions";
        assertThat(http.postJson(
                                versions,
                                governance,
                                Map.of(
                                        "number",
                                        "3.0",
                                        "content",
                                        Map.of(
                                                "clauses",
                                                List.of(Map.of(
                                                        "number",
                                                        "1.1",
                                                        "heading",
                                                        "Purpose",
                                                        "text",
                                                        "Messaging apps.")),
                                                "changeSummary",
                                                "Shorter",
                                                "effectiveDate",
                                                LocalDate.now().toString())))
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.post(versions + "/3.0/submit", governance).statusCode()).isEqualTo(200);
        browser.go(Platform.GATEWAY + "/consultation.html?code=" + code + "&version=3.0");
        assertThat(browser.visible(By.id("approval-refused")).getText())
                .contains("cannot approve it")
                .contains("four eyes");
        assertThat(browser.visible(By.id("change-kind")).getText()).contains("everyone must acknowledge it again");
        assertThat(browser.driver().findElements(By.id("approve")))
                .as("no approve button for the version's author")
                .isEmpty();
        // What the change touches, from the three services: 2.1 and 5.1 removed (no module cites them yet).
        browser.waitForText(By.id("impact-box"), "Removed");
        assertThat(browser.visible(By.cssSelector("#impact-table tr[data-clause='5.1']"))
                        .getText())
                .contains("Removed")
                .contains("none");
        assertThat(browser.visible(By.id("impact-acknowledged")).getText())
                .contains("acknowledged the wording in force");
        accessible("consultation (governance)");

        // Governance writes a module on the policy in the browser, previews a section, is told what training-service
        // refuses, and publishes it.
        browser.go(Platform.GATEWAY + "/modules.html");
        browser.visible(By.id("new-module")).click();
        browser.visible(By.id("code")).sendKeys(code);
        browser.visible(By.id("title")).sendKeys("Messaging apps: the basics");
        browser.present(By.cssSelector("#policy option[value='" + code + "@2.1']"));
        new Select(browser.visible(By.id("policy"))).selectByValue(code + "@2.1");
        browser.visible(By.cssSelector(".module-section [name='heading']")).sendKeys("Patient details");
        browser.visible(By.cssSelector(".module-section [name='markdown']"))
                .sendKeys("**Never** send them outside NHSmail or Teams.");
        browser.visible(By.cssSelector(".module-section [name='clauses']")).sendKeys("2.1");
        browser.visible(By.cssSelector(".module-section [data-preview]")).click();
        assertThat(browser.visible(By.cssSelector(".module-section .preview strong"))
                        .getText())
                .isEqualTo("Never");
        browser.visible(By.cssSelector(".module-question [name='text']"))
                .sendKeys("Where may you send a patient's details?");
        browser.visible(By.cssSelector(".module-question [name='clauses']")).sendKeys("2.1, 5.1");
        List<WebElement> options = browser.driver().findElements(By.cssSelector(".module-question [name='option']"));
        options.get(0).sendKeys("A ward WhatsApp group");
        options.get(1).sendKeys("NHSmail");
        accessible("modules");
        browser.visible(By.id("save-module")).click();
        browser.waitForText(By.id("editor-error"), "correct");
        browser.driver()
                .findElements(By.cssSelector(".module-question [name='correct']"))
                .get(1)
                .click();
        browser.visible(By.id("save-module")).click();
        browser.waitForText(By.id("editor-saved"), "Draft " + code + " v1 saved");
        browser.visible(By.id("publish-module")).click();
        browser.waitForText(By.id("editor-saved"), code + " v1 is published");
        HttpResponse<String> module = http.get(
                Platform.GATEWAY + "/api/training/modules/" + code + "/versions/1", http.personToken("alex.nurse"));
        assertThat(module.statusCode()).as(module.body()).isEqualTo(200);
        assertThat(json(module).get("policyVersion").asString()).isEqualTo("2.1");
        assertThat(module.body()).doesNotContain("\"correct\"");
        // The clauses the section and the question cite are kept, and find the module.
        JsonNode citing = json(http.get(
                Platform.GATEWAY + "/api/training/modules/citing?policyCode=" + code + "&clause=5.1", governance));
        assertThat(citing.get("modules").toString())
                .contains("\"code\":\"" + code + "\"")
                .contains("\"questions\":[\"q1\"]");
        assertThat(http.get(
                                Platform.GATEWAY + "/api/training/modules/citing?policyCode=" + code + "&clause=2.1",
                                governance)
                        .body())
                .contains("Patient details");
        assertThat(browser.consoleErrors())
                .as("the only error logged is the refusal the test provoked")
                .allSatisfy(e -> assertThat(e).contains("/api/training/modules").contains("400"));

        // Governance approves a resource, corrects it and retires it; staff no longer see it.
        browser.go(Platform.GATEWAY + "/resources.html");
        browser.visible(By.cssSelector("section[data-topic='PEER_SUPPORT']"));
        browser.visible(By.id("name")).sendKeys("Hub of Hope");
        browser.visible(By.id("url")).sendKeys("https://hubofhope.co.uk/");
        new Select(browser.visible(By.id("resource-topic"))).selectByValue("PEER_SUPPORT");
        browser.visible(By.id("description")).sendKeys("Local mental health support services by postcode.");
        browser.visible(By.id("audience")).sendKeys("service users, carers");
        browser.driver()
                .executeScript(
                        "arguments[0].value = arguments[1]",
                        browser.visible(By.id("review-date")),
                        LocalDate.now().plusYears(1).toString());
        browser.visible(By.id("save")).click();
        WebElement added = browser.visible(By.cssSelector("li.resource[data-resource='Hub of Hope']"));
        assertThat(added.getText()).contains("approved by morgan.governance").contains("not checked automatically yet");
        accessible("resources (governance)");
        added.findElement(By.xpath(".//button[starts-with(., 'Edit')]")).click();
        WebElement name = browser.visible(By.id("name"));
        name.clear();
        name.sendKeys("Hub of Hope (Chasing the Stigma)");
        browser.visible(By.id("save")).click();
        WebElement renamed =
                browser.visible(By.cssSelector("li.resource[data-resource='Hub of Hope (Chasing the Stigma)']"));
        renamed.findElement(By.xpath(".//button[starts-with(., 'Retire')]")).click();
        browser.driver().switchTo().alert().accept();
        browser.until(
                d -> d.findElements(By.cssSelector("li.resource[data-resource='Hub of Hope (Chasing the Stigma)']"))
                        .isEmpty());
        browser.visible(By.id("show-retired")).click();
        assertThat(browser.visible(By.cssSelector("li.resource[data-resource='Hub of Hope (Chasing the Stigma)']"))
                        .getText())
                .contains("retired");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();
        HttpResponse<String> staffList =
                http.get(Platform.GATEWAY + "/api/policy/resources", http.personToken("alex.nurse"));
        assertThat(staffList.body()).doesNotContain("Hub of Hope");

        // The reports page draws audit-service's and training-service's numbers, each chart with its table.
        String from = LocalDate.now().minusYears(1).toString();
        String to = LocalDate.now().plusDays(2).toString();
        browser.go(Platform.GATEWAY + "/reports.html?from=" + from + "&to=" + to);
        browser.visible(By.id("by-training-table"));
        JsonNode report = json(
                http.get(Platform.GATEWAY + "/api/audit/reports/incidents?from=" + from + "&to=" + to, governance));
        assertThat(browser.visible(By.id("incident-total")).getText())
                .isEqualTo(report.get("incidents").asString());
        assertThat(chartData("by-training-chart"))
                .containsExactly(
                        report.get("compliantAtTheTime").asLong(),
                        report.get("nonCompliantAtTheTime").asLong(),
                        report.get("trainingUnknown").asLong());
        long categories = 0;
        for (var category : report.get("byCategory").properties()) {
            categories += category.getValue().asLong();
        }
        assertThat(chartData("by-category-chart").stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(categories);
        JsonNode head = json(http.get(Platform.GATEWAY + "/api/audit/log/head", governance));
        assertThat(browser.visible(By.id("log-sequence")).getText())
                .isEqualTo(head.get("sequence").asString());
        browser.visible(By.id("training-modules-table"));
        // The signals panel shows what the API finds now: the same clusters, or that there are none.
        JsonNode signals = json(http.get(Platform.GATEWAY + "/api/audit/reports/signals", governance));
        browser.until(d -> !d.findElement(By.id("signal-list")).getText().contains("Loading"));
        if (signals.get("signals").isEmpty()) {
            browser.visible(By.id("no-signals"));
        } else {
            assertThat(browser.driver().findElements(By.cssSelector("#signals-table tbody tr")))
                    .hasSize(signals.get("signals").size());
        }
        accessible("reports");
        browser.screenshot("reports");

        // Coverage of the policy she acknowledged, per department, as a table and a chart.
        browser.go(Platform.GATEWAY + "/coverage.html?code=" + code);
        JsonNode coverage = json(http.get(Platform.GATEWAY + "/api/policy/policies/" + code + "/coverage", governance));
        browser.visible(By.id("coverage-table"));
        assertThat(browser.visible(By.cssSelector("#coverage-table tr[data-label='Acute Medicine']"))
                        .getText())
                .startsWith("Acute Medicine 1");
        assertThat(chartData("coverage-chart"))
                .hasSize(coverage.get("departments").size());
        accessible("coverage");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();
    }

    /**
     * The learning loop: three reports citing clause 4.2 of a new policy about Acute Medicine staff raise a signal;
     * governance assigns a targeted refresher from it on the reports page; the nurse sees on her training page that
     * the module was assigned to her again (not why) and passes it; the reports page shows the refresher's figures as
     * the API gives them, its small group's completion not shown; a draft changing 4.2 shows the module, the
     * acknowledgements and the open incidents it touches; once approved, the module is flagged for review on the
     * modules page until governance confirms it still holds.
     */
    @Test
    void incidentsOnAClauseDriveATargetedRefresherAndAnApprovedChangeFlagsTheModule() {
        String governance = http.personToken("morgan.governance");
        String author = http.personToken("jordan.author");
        String nurse = http.personToken("alex.nurse");
        String reporter = http.personToken("priya.doctor");
        String policy = "LL-001";
        String module = "LLT-01";
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/training/staff",
                                http.clientToken("hr-system", "hr-system-secret"),
                                DemoRoster.ROWS)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/policy/policies",
                                author,
                                Map.of(
                                        "code",
                                        policy,
                                        "title",
                                        "Photographs on wards",
                                        "audience",
                                        List.of("All staff")))
                        .statusCode())
                .isEqualTo(201);
        List<Map<String, String>> clauses = List.of(
                Map.of("number", "4.2", "heading", "Images of patients", "text", "Never post images of patients."),
                Map.of("number", "5.1", "heading", "Colleagues", "text", "Ask before posting a colleague."));
        publish(author, governance, policy, "1.0", clauses, "First issue");
        assertThat(http.post(Platform.GATEWAY + "/api/policy/policies/" + policy + "/versions/1.0/attestations", nurse)
                        .statusCode())
                .isEqualTo(201);
        Map<String, Object> refresher = new HashMap<>(TrainingModuleIT.wardPhotoModule(module, "Photographs on wards"));
        refresher.put("policyCode", policy);
        refresher.put(
                "sections",
                List.of(Map.of(
                        "heading", "Images of patients", "markdown", "Never on the ward.", "clauses", List.of("4.2"))));
        refresher.put("audienceDepartments", List.of("Emergency Department"));
        String modules = Platform.GATEWAY + "/api/training/modules";
        assertThat(http.postJson(modules, governance, refresher).statusCode()).isEqualTo(201);
        assertThat(http.post(modules + "/" + module + "/versions/1/publish", governance)
                        .statusCode())
                .isEqualTo(200);
        for (int day = 1; day <= 3; day++) {
            HttpResponse<String> reported = http.postJson(
                    Platform.GATEWAY + "/api/audit/incidents",
                    reporter,
                    Map.of(
                            "subjectStaffNumber",
                            day == 2 ? "10000005" : "10000001",
                            "occurredAt",
                            java.time.Instant.now()
                                    .minus(java.time.Duration.ofDays(day))
                                    .toString(),
                            "platform",
                            "FACEBOOK",
                            "category",
                            "PATIENT_IMAGES_WITHOUT_CONSENT",
                            "severity",
                            "HIGH",
                            "description",
                            "A ward photo with a patient in the background, posted to a public group.",
                            "evidence",
                            List.of(Map.of(
                                    "kind", "URL", "reference", "https://www.facebook.com/groups/ll/posts/" + day)),
                            "breachedClauses",
                            List.of(Map.of("policyCode", policy, "policyVersion", "1.0", "clauseNumber", "4.2"))));
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        }
        assertThat(http.get(Platform.GATEWAY + "/api/audit/reports/signals", governance)
                        .body())
                .contains("\"policyCode\":\"" + policy
                        + "\",\"clauseNumber\":\"4.2\",\"department\":\"Acute Medicine\"," + "\"incidents\":3");

        // Governance acts on the signal on the reports page, in one action.
        signIn("morgan.governance", "/reports.html");
        browser.visible(By.cssSelector("tr[data-policy='" + policy
                        + "'][data-clause='4.2'][data-department='Acute Medicine']" + " button[data-assign-refresher]"))
                .click();
        browser.present(By.cssSelector("#refresher-module option[value='" + module + "']"));
        accessible("reports, assigning a refresher");
        browser.visible(By.cssSelector("#refresher-form button[type='submit']")).click();
        browser.waitForText(By.id("refresher-assigned"), "Assigned to 2 staff");
        JsonNode listed = null;
        for (JsonNode r : json(http.get(Platform.GATEWAY + "/api/training/refreshers", governance))) {
            if (r.get("policyCode").asString().equals(policy)) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        String id = listed.get("id").asString();
        assertThat(listed.get("groupSize").asLong())
                .as("the two active staff of Acute Medicine")
                .isEqualTo(2);

        // The nurse: the module on her training page, assigned again with a date, and nothing of why.
        signIn("alex.nurse", "/training.html");
        assertThat(browser.visible(By.cssSelector("[data-reason='" + module + "']"))
                        .getText())
                .contains("assigned to you again");
        String training = browser.visible(By.id("modules")).getText();
        assertThat(training).doesNotContain("incident").doesNotContain("signal").doesNotContain(id);
        accessible("my training, with a refresher");
        HttpResponse<String> started = http.post(modules + "/" + module + "/versions/1/attempts", nurse);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        HttpResponse<String> passed = http.postJson(
                Platform.GATEWAY + "/api/training/attempts/"
                        + json(started).get("attemptId").asString() + "/submit",
                nurse,
                Map.of("answers", Map.of("q1", List.of("b"))));
        assertThat(json(passed).get("passed").asBoolean()).as(passed.body()).isTrue();
        JsonNode mine = null;
        for (JsonNode m : json(http.get(Platform.GATEWAY + "/api/training/my/modules", nurse))) {
            if (m.get("module").get("code").asString().equals(module)) {
                mine = m;
            }
        }
        assertThat(mine.get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(mine.get("refresherDueAt").isNull()).isTrue();

        // Did it help: the reports page shows what the API gives, the group of two's completion not shown.
        JsonNode outcome = null;
        JsonNode outcomes = json(http.get(Platform.GATEWAY + "/api/audit/reports/refreshers", governance));
        List<Long> before = new ArrayList<>();
        for (JsonNode o : outcomes.get("refreshers")) {
            before.add(o.get("incidentsBefore").asLong());
            if (o.get("refresherId").asString().equals(id)) {
                outcome = o;
            }
        }
        assertThat(outcome.get("completion").get("suppressed").asBoolean()).isTrue();
        signIn("morgan.governance", "/reports.html");
        assertThat(browser.visible(By.cssSelector("tr[data-refresher='" + id + "']"))
                        .getText())
                .contains("a group of under 5: not shown")
                .contains("LLT-01 v1");
        assertThat(chartData("refresher-before-after-chart")).isEqualTo(before);
        accessible("reports, with a refresher's outcome");

        // A draft changing 4.2: what it touches, from the three services.
        String versions = Platform.GATEWAY + "/api/policy/policies/" + policy + "/versions";
        List<Map<String, String>> changed42 = List.of(
                Map.of(
                        "number",
                        "4.2",
                        "heading",
                        "Images of patients",
                        "text",
                        "Never take or post images of patients."),
                clauses.get(1));
        assertThat(PolicyDrafts.draft(http, author, versions, "1.1", changed42, "Taking images too")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> resource = http.postJson(
                Platform.GATEWAY + "/api/policy/resources",
                governance,
                Map.of(
                        "name",
                        "Consent for photographs",
                        "url",
                        "https://www.nhs.uk/conditions/consent-to-treatment/",
                        "description",
                        "What consent means, for service users and carers.",
                        "topic",
                        "HEALTH_INFORMATION",
                        "reviewDate",
                        LocalDate.now().plusMonths(6).toString(),
                        "clauses",
                        List.of(Map.of("policyCode", policy, "clauseNumber", "4.2"))));
        assertThat(resource.statusCode()).as(resource.body()).isEqualTo(201);
        JsonNode impact = json(http.get(versions + "/1.1/impact", governance));
        JsonNode changed = impact.get("clauses").get(0);
        assertThat(changed.get("number").asString()).isEqualTo("4.2");
        assertThat(changed.get("change").asString()).isEqualTo("CHANGED");
        assertThat(changed.get("modules").get(0).get("code").asString()).isEqualTo(module);
        assertThat(changed.get("modules").get(0).get("completions").asLong()).isEqualTo(1);
        assertThat(changed.get("openIncidents").asLong()).isEqualTo(3);
        assertThat(changed.get("resources").get(0).get("name").asString()).isEqualTo("Consent for photographs");
        assertThat(impact.get("acknowledgedInForce").toString())
                .contains("\"department\":\"Acute Medicine\",\"acknowledged\":1");

        // Approved: the module is flagged to governance until confirmed.
        assertThat(http.post(versions + "/1.1/submit", governance).statusCode()).isEqualTo(200);
        assertThat(http.post(versions + "/1.1/approve", governance).statusCode())
                .isEqualTo(200);
        assertThat(http.get(modules + "/reviews", governance).body())
                .contains("\"moduleCode\":\"" + module + "\"")
                .contains("\"newerVersion\":\"1.1\",\"newerStatus\":\"APPROVED\",\"clauses\":[\"4.2\"]");
        browser.go(Platform.GATEWAY + "/modules.html");
        browser.visible(By.cssSelector("li[data-review='" + module + "']"));
        accessible("modules, one needing review");
        browser.visible(By.cssSelector("button[data-confirm-review='" + module + "']"))
                .click();
        browser.until(d -> d.findElements(By.cssSelector("li[data-review='" + module + "']"))
                .isEmpty());
        assertThat(http.get(modules + "/reviews", governance).body()).doesNotContain(module);
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();
    }

    /** Presses Tab, and only Tab, until the focus is on what {@code target} finds (at most 200 presses). */
    private void tabTo(By target) {
        WebElement wanted = browser.visible(target);
        for (int i = 0; i < 200; i++) {
            if (browser.driver().switchTo().activeElement().equals(wanted)) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("the Tab key never reached " + target);
    }

    private void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .sendKeys(keys)
                .perform();
    }

    /** Tabs to a drop-down and moves through it with the arrow keys until it shows {@code value}. */
    private void chooseWithKeys(String id, String value) {
        browser.present(By.cssSelector("#" + id + " option[value='" + value + "']"));
        chooseWithKeys(By.id(id), value);
    }

    private void chooseWithKeys(By select, String value) {
        tabTo(select);
        for (int i = 0; i < 40 && !value.equals(browser.visible(select).getAttribute("value")); i++) {
            keys(Keys.ARROW_DOWN);
        }
        assertThat(browser.visible(select).getAttribute("value")).isEqualTo(value);
    }

    /** Answers a module with the keyboard: arrows within a group of options, Space for a tick box, Enter to send. */
    private void answerWithTheKeyboard(Map<String, List<String>> answers) {
        new java.util.TreeMap<>(answers).forEach((question, options) -> {
            List<WebElement> inputs = browser.driver().findElements(By.cssSelector("input[name='" + question + "']"));
            if ("radio".equals(inputs.get(0).getAttribute("type"))) {
                tabTo(By.cssSelector("input[name='" + question + "']"));
                for (int i = 0;
                        i < inputs.size()
                                && !options.get(0)
                                        .equals(browser.driver()
                                                .switchTo()
                                                .activeElement()
                                                .getAttribute("value"));
                        i++) {
                    keys(Keys.ARROW_DOWN);
                }
                keys(Keys.SPACE);
            } else {
                for (String option : options) {
                    tabTo(By.cssSelector("input[name='" + question + "'][value='" + option + "']"));
                    keys(Keys.SPACE);
                }
            }
        });
        tabTo(By.id("submit"));
        keys(Keys.ENTER);
    }

    /**
     * Records and retention, as governance works them: a hold placed on a long-gone leaver keeps them off the list;
     * lifting it takes two members; listed then, the leaver's roster record is reviewed by one member, approved by
     * the other (never the reviewer), and destroyed in training-service; the disposal record names no one.
     */
    @Test
    void governanceHoldsReviewsAndApprovesTheDisposalOfALongGoneLeaversRecord() {
        String leaver = "10000077";
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/training/staff",
                                http.clientToken("hr-system", "hr-system-secret"),
                                List.of(Map.of(
                                        "staffNumber",
                                        leaver,
                                        "name",
                                        "Pat Longgone",
                                        "department",
                                        "Acute Medicine",
                                        "staffGroup",
                                        "Nursing and Midwifery Registered",
                                        "active",
                                        false,
                                        "leavingDate",
                                        "2015-03-31")))
                        .statusCode())
                .isBetween(200, 201);

        signIn("morgan.governance", "/records.html");
        browser.waitForText(By.id("retention-rules"), "Appendix II");
        choose("hold-kind", "PERSON");
        browser.visible(By.id("hold-staff")).sendKeys(leaver);
        browser.visible(By.id("hold-reason")).sendKeys("Employment tribunal claim about the ward");
        browser.visible(By.id("hold-external")).sendKeys("ET-2026-4411");
        browser.visible(By.cssSelector("#place-hold button[type='submit']")).click();
        browser.waitForText(By.id("hold-list"), "ET-2026-4411");
        String hold = browser.visible(By.cssSelector("#hold-list tbody tr:first-child"))
                .getAttribute("data-hold");
        browser.visible(By.id("propose")).click();
        browser.until(d -> !d.findElement(By.id("disposals")).getText().contains("Loading"));
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-reference='" + leaver + "']")))
                .as("a held person is never listed")
                .isEmpty();
        accessible("records");
        // The record's own view (an address governance can link to) says it is held, and until when it is kept.
        browser.go(Platform.GATEWAY + "/records.html?class=staff-record&record=" + leaver);
        browser.waitForText(By.id("record-standing"), hold);
        assertThat(browser.visible(By.id("record-standing")).getText())
                .contains("ET-2026-4411")
                .contains("will not be disposed of")
                .contains("ends on");
        // A member of staff still here: their roster record's retention has not started, and the view says why.
        browser.go(Platform.GATEWAY + "/records.html?class=staff-record&record=10000001");
        browser.waitForText(By.id("record-standing"), "still employed");
        assertThat(browser.visible(By.id("record-standing")).getText()).contains("has not started");

        browser.visible(By.cssSelector("tr[data-hold='" + hold + "'] .ask-lift"))
                .click();
        browser.driver().switchTo().alert().sendKeys("The claim was settled");
        browser.driver().switchTo().alert().accept();
        browser.waitForText(By.cssSelector("tr[data-hold='" + hold + "']"), "Lifting asked for");
        assertThat(browser.visible(By.cssSelector("tr[data-hold='" + hold + "'] .confirm-lift"))
                        .isEnabled())
                .as("the member who asked does not confirm")
                .isFalse();

        signIn("sam.governance", "/records.html");
        browser.visible(By.cssSelector("tr[data-hold='" + hold + "'] .confirm-lift"))
                .click();
        browser.waitForText(By.cssSelector("tr[data-hold='" + hold + "']"), "Lifted");
        browser.visible(By.id("propose")).click();
        browser.present(By.cssSelector("tr[data-reference='" + leaver + "']"));
        org.openqa.selenium.WebElement list =
                browser.visible(By.xpath("//tr[@data-reference='" + leaver + "']/ancestor::article"));
        String listId = list.getAttribute("data-list");
        // Other tests' records may be on the same list: kept back, with why.
        for (org.openqa.selenium.WebElement row :
                list.findElements(By.cssSelector("tbody tr:not([data-reference='" + leaver + "'])"))) {
            row.findElement(By.cssSelector("input[name='keep']")).click();
            row.findElement(By.cssSelector("input[type='text']")).sendKeys("another test's record");
        }
        list.findElement(By.cssSelector("button.review")).click();
        browser.waitForText(By.cssSelector("article[data-list='" + listId + "']"), "Awaiting approval");
        assertThat(browser.visible(By.cssSelector("article[data-list='" + listId + "'] button.approve"))
                        .isEnabled())
                .as("the reviewer does not approve")
                .isFalse();

        signIn("morgan.governance", "/records.html");
        browser.visible(By.cssSelector("article[data-list='" + listId + "'] button.approve"))
                .click();
        browser.waitForText(By.id("disposal-records"), listId);
        assertThat(browser.visible(By.id("disposal-records")).getText())
                .as("the disposal record names no one")
                .contains("Staff record")
                .doesNotContain(leaver)
                .doesNotContain("Longgone");
        assertThat(http.get(
                                Platform.GATEWAY + "/api/training/staff/" + leaver,
                                http.clientToken("hr-system", "hr-system-secret"))
                        .statusCode())
                .as("the roster record is gone from training-service")
                .isEqualTo(404);
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();
        browser.screenshot("records-disposed");
    }

    /** Which pages each person opens from their navigation (the services decide what each shows). */
    static final Map<String, List<String>> PAGES = Map.of(
            "alex.nurse",
                    List.of(
                            "/",
                            "/policies.html",
                            "/training.html",
                            "/resources.html",
                            "/report.html",
                            "/follow.html",
                            "/my-records.html"),
            "chris.manager", List.of("/", "/policies.html", "/compliance.html", "/coverage.html?code=SM-001"),
            "morgan.governance",
                    List.of(
                            "/",
                            "/policies.html",
                            "/compliance.html",
                            "/coverage.html?code=SM-001",
                            "/modules.html",
                            "/incidents.html",
                            "/reports.html",
                            "/records.html",
                            "/overrides.html"),
            "taylor.auditor", List.of("/", "/policies.html", "/incidents.html", "/reports.html", "/records.html"),
            "jordan.author", List.of("/", "/policies.html", "/draft.html"));

    /** API constants a person should never read as such. */
    static final java.util.regex.Pattern RAW_VALUE = java.util.regex.Pattern.compile(
            "staff:[0-9]|\\b[A-Z]{2,}_[A-Z_]+\\b|\\b(REPORTED|TRIAGED|DRAFT|APPROVED|PUBLISHED|SUPERSEDED|COMPLIANT|EXPIRED"
                    + "|RETIRED|CLOSED|INSTAGRAM|TIKTOK|WHATSAPP|LINKEDIN|FACEBOOK|Tiktok|Whatsapp|Linkedin|Nmc|Gmc|Hcpc)\\b"
                    + "|Too many requests|[Rr]ate limit|Exception|must be a|Invalid [a-z]+\\[");

    @Test
    void everyPageOfEveryRoleCostsAHandfulOfRequestsSpeaksInWordsAndFitsAPhone() {
        seedALargeTrust();
        try {
            everyPage();
        } finally {
            SIGNED_IN
                    .values()
                    .forEach(b -> b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900)));
        }
    }

    private void everyPage() {
        for (Map.Entry<String, List<String>> person : new java.util.TreeMap<>(PAGES).entrySet()) {
            signIn(person.getKey(), "/policies.html"); // a page that needs the session: the first time, the login
            for (String page : person.getValue()) {
                String name = person.getKey() + page.replaceAll("[^a-z]+", "-");
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
                browser.go(Platform.GATEWAY + page);
                settled();
                @SuppressWarnings("unchecked")
                List<String> requests = (List<String>) browser.driver()
                        .executeScript("return performance.getEntriesByType('resource')"
                                + ".filter(e => e.name.includes('/api/') || e.name.includes('/session/'))"
                                + ".map(e => (e.responseStatus || 0) + ' ' + e.name)");
                System.out.printf("page requests: %s %d%n", name, requests.size());
                if (page.equals("/")) {
                    assertThat(requests)
                            .as(name + ": the session and the to-do list's sources were counted")
                            .hasSizeGreaterThanOrEqualTo(3);
                }
                assertThat(requests)
                        .as(name + ": the API requests of one page load, with 300 policies and 5,000 more staff")
                        .hasSizeLessThanOrEqualTo(10)
                        .noneMatch(r -> r.startsWith("429 "));
                String text = browser.visible(By.tagName("body")).getText();
                assertThat(RAW_VALUE.matcher(text).results().map(r -> r.group()).toList())
                        .as(name + ": numbers, codes and server wording a person should not read")
                        .isEmpty();
                assertThat(browser.driver().findElements(By.tagName("main")))
                        .as(name + ": one main")
                        .hasSize(1);
                assertThat(browser.driver().findElements(By.tagName("h1")))
                        .as(name + ": one h1 naming the page")
                        .hasSize(1);
                browser.screenshot("desktop-" + name);

                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                browser.go(Platform.GATEWAY + page);
                settled();
                Number overflow = (Number) browser.driver()
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow.intValue())
                        .as(
                                name + " at 390 px: nothing scrolls sideways; too wide: "
                                        + browser.driver()
                                                .executeScript(
                                                        "return [...document.querySelectorAll('body *')]"
                                                                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                                                                + ".slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '')"
                                                                + " + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"))
                        .isLessThanOrEqualTo(0);
                browser.screenshot("phone-" + name);
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            }
        }
    }

    /**
     * Waits until the page has loaded, replaced its visible "Loading…" placeholders and made no new request for
     * half a second, so every request of the page load is counted.
     */
    private void settled() {
        browser.until(d -> {
            String main = d.findElement(By.tagName("main")).getText();
            return !main.contains("Loading") && !main.contains("Starting");
        });
        long[] last = {-1};
        browser.until(
                d -> {
                    long now = ((Number) browser.driver()
                                    .executeScript("return document.readyState === 'complete'"
                                            + " ? performance.getEntriesByType('resource').length : -1"))
                            .longValue();
                    boolean quiet = now >= 0 && now == last[0];
                    last[0] = now;
                    return quiet;
                },
                java.time.Duration.ofMillis(500));
        browser.until(d -> !String.valueOf(((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return document.getElementById('todo') ? document.getElementById('todo')"
                                + ".textContent : ''"))
                .startsWith("Loading"));
    }

    /** 300 more policies (not yet published) and 5,000 more staff, once per run, straight to the services. */
    private void seedALargeTrust() {
        String governance = http.personToken("morgan.governance");
        for (int i = 1; i <= 300; i++) {
            String code = String.format("ZZ-%03d", i);
            HttpResponse<String> created = http.postJson(
                    "http://localhost:" + Platform.POLICY_PORT + "/api/policy/policies",
                    governance,
                    Map.of("code", code, "title", "Seeded policy " + code));
            assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        }
        StringBuilder csv = new StringBuilder("staffNumber,name,department,staffGroup,active\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append(70_000_000 + i)
                    .append(",Seeded Person ")
                    .append(i)
                    .append(",Seeded Ward ")
                    .append(i % 10)
                    .append(",Nursing and Midwifery Registered,true\n");
        }
        HttpResponse<String> roster = http.postCsv(
                "http://localhost:" + Platform.TRAINING_PORT + "/api/training/staff",
                http.clientToken("hr-system", "hr-system-secret"),
                csv.toString());
        assertThat(roster.statusCode()).as(roster.body()).isEqualTo(200);
    }

    /** The numbers the page gave Chart.js for a chart's first series. */
    private List<Long> chartData(String canvasId) {
        browser.until(d -> Boolean.TRUE.equals(browser.driver()
                .executeScript("return !!Chart.getChart(document.getElementById(arguments[0]))", canvasId)));
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) browser.driver()
                .executeScript(
                        "return Chart.getChart(document.getElementById(arguments[0])).data.datasets[0].data", canvasId);
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }

    /** No serious or critical WCAG 2.2 A/AA violation on the page as it is now (axe-core in the browser). */
    private void accessible(String page) {
        assertThat(browser.accessibilityViolations(page))
                .as("axe-core on " + page)
                .isEmpty();
    }

    /** A new policy with a code no other test uses; returns the code. */
    private String newPolicy(String author, String title) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = "PB-" + (100 + ThreadLocalRandom.current().nextInt(900));
            HttpResponse<String> created = http.postJson(
                    Platform.GATEWAY + "/api/policy/policies",
                    author,
                    Map.of(
                            "code",
                            code,
                            "title",
                            title,
                            "owner",
                            "Head of Communications",
                            "audience",
                            List.of("All staff")));
            if (created.statusCode() == 201) {
                return code;
            }
            assertThat(created.statusCode()).as(created.body()).isEqualTo(409);
        }
        throw new AssertionError("no free policy code");
    }

    /** The author drafts a version, governance opens the review, approves and publishes it. */
    private void publish(
            String author,
            String governance,
            String code,
            String number,
            List<Map<String, String>> clauses,
            String summary) {
        String versions = Platform.GATEWAY + "/api/policy/policies/" + code + "/versions";
        HttpResponse<String> draft = PolicyDrafts.draft(http, author, versions, number, clauses, summary);
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
        for (String step : List.of("submit", "approve", "publish")) {
            HttpResponse<String> answer = http.post(versions + "/" + number + "/" + step, governance);
            assertThat(answer.statusCode()).as(step + ": " + answer.body()).isEqualTo(200);
        }
    }

    /** Picks a value in a drop-down once the page has filled it (its choices come from the API's OpenAPI document). */
    private void choose(String id, String value) {
        browser.present(By.cssSelector("#" + id + " option[value='" + value + "']"));
        new Select(browser.visible(By.id(id))).selectByValue(value);
    }

    /** Sends one of the incident page's workflow forms. */
    /**
     * From now on the page's POSTs to a path ending in {@code pathEnd} reach the service, but their answers are lost
     * on the way back (as on a dropped connection): the page sees only that no answer came.
     */
    private void loseTheAnswersTo(String pathEnd) {
        failThePosts(pathEnd, true);
    }

    /** The page's POSTs to a path ending in {@code pathEnd} fail before they leave: nothing reaches the platform. */
    private void cutTheLineTo(String pathEnd) {
        failThePosts(pathEnd, false);
    }

    private void failThePosts(String pathEnd, boolean delivered) {
        browser.driver()
                .executeScript(
                        "const real = window.realFetch || window.fetch, end = arguments[0], delivered = arguments[1];"
                                + " window.realFetch = real;"
                                + " window.fetch = async (url, options) => {"
                                + " const failing = options && options.method === 'POST' && String(url).endsWith(end);"
                                + " const answer = failing && !delivered ? null : await real(url, options);"
                                + " if (failing) throw new TypeError('Failed to fetch');"
                                + " return answer; };",
                        pathEnd,
                        delivered);
    }

    /** The page's answers come back again ({@link #loseTheAnswersTo} undone). */
    private void answersComeBack() {
        browser.driver().executeScript("if (window.realFetch) window.fetch = window.realFetch;");
    }

    private void submit(String form) {
        browser.visible(By.cssSelector("#" + form + " button[type='submit']")).click();
    }

    private void answer(Map<String, List<String>> answers) {
        answers.forEach((question, options) -> options.forEach(
                option -> browser.visible(By.cssSelector("input[name='" + question + "'][value='" + option + "']"))
                        .click()));
        browser.visible(By.id("submit")).click();
    }

    /** HR pushes the demo roster (an upsert: the same again changes nothing). */
    private void uploadTheRoster() {
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/training/staff",
                                http.clientToken("hr-system", "hr-system-secret"),
                                DemoRoster.ROWS)
                        .statusCode())
                .isEqualTo(200);
    }

    /** HR's roster and a module for the Emergency Department, bound to the seeded policy, through the API. */
    private void publishTheDepartmentsModule() {
        uploadTheRoster();
        String governance = http.personToken("morgan.governance");
        Map<String, Object> module = Map.of(
                "code",
                CODE,
                "version",
                1,
                "title",
                TITLE,
                "sections",
                List.of(Map.of(
                        "heading",
                        "Patients in the department",
                        "markdown",
                        "**Never** photograph the department.\n\n- no patients\n- no screens\n- no boards")),
                "policyCode",
                "SM-001",
                "policyVersion",
                "1.0",
                "questions",
                List.of(
                        Map.of(
                                "id",
                                "q1",
                                "text",
                                "A relative asks you to film their father in resus. What do you do?",
                                "type",
                                "SINGLE_CHOICE",
                                "correct",
                                List.of("b"),
                                "options",
                                List.of(
                                        Map.of("id", "a", "text", "Film it on your phone"),
                                        Map.of("id", "b", "text", "Explain the policy and decline"))),
                        Map.of(
                                "id",
                                "q2",
                                "text",
                                "Which of these can identify a patient?",
                                "type",
                                "MULTIPLE_CHOICE",
                                "correct",
                                List.of("a", "c"),
                                "options",
                                List.of(
                                        Map.of("id", "a", "text", "A whiteboard in the background"),
                                        Map.of("id", "b", "text", "The trust's logo"),
                                        Map.of("id", "c", "text", "A tattoo")))),
                "passMark",
                80,
                "refresherPeriod",
                "P1Y",
                "audienceDepartments",
                List.of("Emergency Department"));
        HttpResponse<String> created = http.postJson(Platform.GATEWAY + "/api/training/modules", governance, module);
        if (created.statusCode() == 409) {
            return; // another walk of this class published it already
        }
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> published =
                http.post(Platform.GATEWAY + "/api/training/modules/" + CODE + "/versions/1/publish", governance);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    /**
     * A nurse who joined the Emergency Department from another trust completed its module there: one member of
     * governance records the transfer on the page, another approves it, and the nurse's own page shows the module as
     * transferred, counting until a year after the day she earned it, never as completed here.
     */
    @Test
    void aTransferredCompletionIsRecordedByOneApprovedByAnotherAndShownToTheNurseAsTransferred() {
        publishTheDepartmentsModule();
        KeycloakAccounts.create(
                http,
                "kim.transfer",
                "Kim",
                "Adeyemi",
                "kim.adeyemi@trust.example.nhs.uk",
                "10000091",
                "Emergency Department",
                "staff");
        Map<String, Object> kim = new HashMap<>();
        kim.put("staffNumber", "10000091");
        kim.put("name", "Kim Adeyemi");
        kim.put("department", "Emergency Department");
        kim.put("staffGroup", "Nursing and Midwifery Registered");
        assertThat(http.postJson(
                                Platform.GATEWAY + "/api/training/staff",
                                http.clientToken("hr-system", "hr-system-secret"),
                                List.of(kim))
                        .statusCode())
                .isEqualTo(200);
        LocalDate earned = LocalDate.now().minusMonths(3);

        signIn("morgan.governance", "/overrides.html");
        browser.visible(By.id("pick-person")).sendKeys("kim ad");
        browser.visible(By.cssSelector("#who button[data-colleague='10000091']"))
                .click();
        choose("module", CODE);
        browser.visible(By.id("source")).sendKeys("Leeds Teaching Hospitals NHS Trust");
        browser.driver().executeScript("document.getElementById('earned').value = arguments[0]", earned.toString());
        browser.visible(By.id("evidence")).sendKeys("IAT-2026-55120");
        browser.visible(By.id("record")).click();
        browser.waitForText(By.id("awaiting-list"), "Kim Adeyemi");
        assertThat(browser.visible(By.id("awaiting-list")).getText())
                .as("she recorded it: another member decides")
                .contains("another member decides");
        accessible("overrides");

        signIn("sam.governance", "/overrides.html");
        browser.waitForText(By.id("awaiting-list"), "Kim Adeyemi");
        browser.visible(By.cssSelector("#awaiting-list tr:has(td) button[data-approve]"))
                .click();
        browser.waitForText(By.id("decided-list"), "Approved, counts until");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        signIn("kim.transfer", "/training.html");
        browser.waitForText(By.cssSelector("[data-reason='" + CODE + "']"), "Transferred");
        assertThat(browser.visible(By.cssSelector("tr[data-module='" + CODE + "']"))
                        .getText())
                .contains("Complete")
                .contains("Transferred")
                .doesNotContain("Certificate");
        browser.screenshot("training-transferred");
        accessible("training (transferred)");
        HttpResponse<String> export = http.get(
                Platform.GATEWAY + "/api/training/completions?from=" + earned + "&to=" + earned.plusDays(1),
                http.clientToken("hr-system", "hr-system-secret"));
        assertThat(export.body()).contains("10000091").contains("TRANSFERRED");
    }
}
