package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

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

    private final List<Browser> browsers = new ArrayList<>();
    private final Http http = new Http();
    private Browser browser;

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (ExtensionContext context, Throwable failure) -> {
        if (browser != null) {
            failure.addSuppressed(new AssertionError("screenshot: " + browser.screenshot(context.getDisplayName())
                    + "\n" + browser.describe()));
        }
        throw failure;
    };

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    /** A fresh browser (no cookies) opens a page of the gateway, is sent to Keycloak's login page and signs in. */
    private Browser signIn(String username, String page) {
        browser = Browser.open();
        browsers.add(browser);
        browser.go(Platform.GATEWAY + page);
        browser.waitUntilUrlStartsWith(Platform.REALM + "/protocol/openid-connect/auth");
        browser.visible(By.id("username")).sendKeys(username);
        browser.visible(By.id("password")).sendKeys(Http.PASSWORD);
        browser.visible(By.id("kc-login")).click();
        browser.waitUntilUrlStartsWith(Platform.GATEWAY + page);
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
        assertThat(browser.visible(By.cssSelector(".section-body strong")).getText()).isEqualTo("Never");
        assertThat(browser.driver().getPageSource()).doesNotContain("\"correct\"");

        answer(Map.of("q1", List.of("a"), "q2", List.of("a")));
        browser.waitForText(By.id("result"), "Not passed: you scored 0%");
        browser.visible(By.linkText("Try again")).click();

        browser.visible(By.id("assessment"));
        answer(Map.of("q1", List.of("b"), "q2", List.of("a", "c")));
        browser.waitForText(By.id("result"), "Passed: you scored 100%");
        browser.visible(By.id("certificate-link")).click();

        assertThat(browser.visible(By.id("holder")).getText()).isEqualTo("Priya Shah");
        assertThat(browser.visible(By.id("module-title")).getText()).isEqualTo(TITLE);
        assertThat(browser.visible(By.id("certificate-body")).getText()).contains("10000002").contains("SM-001 version 1.0");
        browser.screenshot("certificate");

        browser.go(Platform.GATEWAY + "/training.html");
        browser.waitForText(ROW, "Complete");
        browser.screenshot("my-training");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Governance sees the trust, then the department: the one pass is there.
        signIn("morgan.governance", "/compliance.html");
        browser.waitForText(By.id("scope"), "the whole trust");
        browser.visible(By.cssSelector("section[data-module='" + CODE + "'] a")).click();
        browser.waitForText(By.id("scope"), "Emergency Department");
        WebElement compliant = browser.visible(By.cssSelector(
                "section[data-module='" + CODE + "'] tr[data-department='Emergency Department'] td[data-status='COMPLIANT']"));
        assertThat(compliant.getText()).startsWith("1 (");
        browser.screenshot("compliance-department");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Her colleague's line manager sees his team, and is refused her department.
        signIn("chris.manager", "/compliance.html");
        browser.waitForText(By.id("scope"), "my team");
        browser.go(Platform.GATEWAY + "/compliance.html?department=Emergency%20Department");
        assertThat(browser.visible(By.cssSelector("#report .error")).getText()).contains("does not allow");

        // What the browser did is what the API says.
        HttpResponse<String> record = http.get(Platform.GATEWAY + "/api/training/compliance/staff/10000002",
                http.personToken("morgan.governance"));
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
        assertThat(browser.visible(By.cssSelector("header nav")).getText()).as("links for her roles only")
                .contains("My training").doesNotContain("Incidents").doesNotContain("Compliance");
        browser.visible(By.id("subject")).sendKeys("10000002");
        // A date-time picker's typing order follows the browser's locale; the value is what the form reads.
        browser.driver().executeScript("arguments[0].value = '2026-11-21T21:30'", browser.visible(By.id("occurred")));
        choose("platform", "INSTAGRAM");
        choose("category", "PATIENT_IMAGES_WITHOUT_CONSENT");
        choose("severity", "HIGH");
        browser.visible(By.id("description")).sendKeys("A story shows bay 3; a patient is recognisable.");
        browser.visible(By.cssSelector("input[name='clause'][value*='\"clauseNumber\":\"4.2\"']")).click();
        browser.visible(By.id("evidence-url")).sendKeys("https://www.instagram.com/stories/example/1");
        browser.visible(By.id("send")).click();

        browser.waitForText(By.id("sent"), "Your report is SMB-");
        String reference = browser.visible(By.cssSelector("#sent h3")).getText().replaceAll(".*(SMB-[0-9]{4}-[0-9]{6}).*", "$1");
        assertThat(browser.visible(By.cssSelector("#my-reports tr[data-reference='" + reference + "']")).getText())
                .contains("REPORTED");
        browser.screenshot("report-a-concern");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        // Signing out ends the gateway session and the Keycloak session, and comes back to the landing page.
        browser.visible(By.cssSelector("header form button")).click();
        browser.visible(By.id("login"));
        browser.go(Platform.GATEWAY + "/report.html");
        browser.waitUntilUrlStartsWith(Platform.REALM + "/protocol/openid-connect/auth");
        assertThat(browser.visible(By.id("username")).getAttribute("value")).as("signed out of Keycloak too").isEmpty();

        // Governance works the case in the browser, step by step, and the audit log verifies.
        signIn("morgan.governance", "/incidents.html");
        browser.waitForText(By.cssSelector("header nav"), "Incidents");
        browser.visible(By.cssSelector("#incident-list tr[data-reference='" + reference + "'] a")).click();
        browser.waitForText(By.id("incident-status"), "Reported");
        assertThat(browser.visible(By.id("incident")).getText()).contains("staff:10000001").contains("bay 3")
                .contains("SM-001 v1.0 clause 4.2");
        submit("triage");
        browser.waitForText(By.id("incident-status"), "Triaged");
        browser.visible(By.cssSelector("#assign input[name='staffNumber']")).sendKeys("10000005");
        submit("assign");
        browser.waitForText(By.cssSelector(".facts"), "10000005");
        submit("investigate");
        browser.waitForText(By.id("incident-status"), "Under investigation");
        browser.visible(By.cssSelector("#note textarea[name='text']")).sendKeys("The story was taken down within the hour.");
        submit("note");
        browser.waitForText(By.id("notes"), "taken down within the hour");
        assertThat(browser.consoleErrors()).as("errors the pages logged").isEmpty();

        browser.present(By.cssSelector("#record-outcome select[name='type'] option[value='FORMAL_WARNING']"));
        new Select(browser.visible(By.cssSelector("#record-outcome select[name='type']"))).selectByValue("FORMAL_WARNING");
        browser.visible(By.cssSelector("#record-outcome textarea[name='summary']")).sendKeys("Formal warning, 12 months.");
        submit("record-outcome");
        browser.waitForText(By.cssSelector("#record-outcome .error"), "expiresOn");
        browser.driver().executeScript("arguments[0].value = arguments[1]",
                browser.visible(By.cssSelector("#record-outcome input[name='expiresOn']")), LocalDate.now().plusYears(1).toString());
        submit("record-outcome");
        browser.waitForText(By.id("incident-status"), "Outcome recorded");
        assertThat(browser.visible(By.id("outcome")).getText()).contains("Formal warning");
        submit("close");
        browser.waitForText(By.id("incident-status"), "Closed");
        browser.screenshot("incident-closed");

        browser.go(Platform.GATEWAY + "/incidents.html");
        browser.visible(By.id("verify")).click();
        browser.waitForText(By.id("verification"), "Intact");
        assertThat(browser.consoleErrors()).as("the only error logged is the refused outcome the test provoked")
                .singleElement().asString().contains("/outcome").contains("status of 400");

        // Swagger UI, for what has no page yet, works under the same Content-Security-Policy.
        browser.go(Platform.GATEWAY + "/swagger-ui.html");
        browser.waitForText(By.cssSelector(".swagger-ui .information-container"), "-service"); // the first API of the list
        assertThat(browser.consoleErrors()).as("errors Swagger UI logged").isEmpty();

        HttpResponse<String> recorded = http.get(Platform.GATEWAY + "/api/audit/incidents/" + reference,
                http.personToken("morgan.governance"));
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(json(recorded).get("reportedBy").asString()).isEqualTo("staff:10000001");
        assertThat(json(recorded).get("occurredAt").asString()).startsWith("2026-11-21T");
        assertThat(recorded.body()).contains("\"clauseNumber\":\"4.2\"").contains("instagram.com/stories/example/1");
    }

    /** Picks a value in a drop-down once the page has filled it (its choices come from the API's OpenAPI document). */
    private void choose(String id, String value) {
        browser.present(By.cssSelector("#" + id + " option[value='" + value + "']"));
        new Select(browser.visible(By.id(id))).selectByValue(value);
    }

    /** Sends one of the incident page's workflow forms. */
    private void submit(String form) {
        browser.visible(By.cssSelector("#" + form + " button[type='submit']")).click();
    }

    private void answer(Map<String, List<String>> answers) {
        answers.forEach((question, options) -> options.forEach(option -> browser.visible(By.cssSelector(
                "input[name='" + question + "'][value='" + option + "']")).click()));
        browser.visible(By.id("submit")).click();
    }

    /** HR's roster and a module for the Emergency Department, bound to the seeded policy, through the API. */
    private void publishTheDepartmentsModule() {
        assertThat(http.postJson(Platform.GATEWAY + "/api/training/staff", http.clientToken("hr-system", "hr-system-secret"),
                DemoRoster.ROWS).statusCode()).isEqualTo(200);
        String governance = http.personToken("morgan.governance");
        Map<String, Object> module = Map.of(
                "code", CODE, "version", 1, "title", TITLE,
                "sections", List.of(Map.of("heading", "Patients in the department",
                        "markdown", "**Never** photograph the department.\n\n- no patients\n- no screens\n- no boards")),
                "policyCode", "SM-001", "policyVersion", "1.0",
                "questions", List.of(
                        Map.of("id", "q1", "text", "A relative asks you to film their father in resus. What do you do?",
                                "type", "SINGLE_CHOICE", "correct", List.of("b"),
                                "options", List.of(Map.of("id", "a", "text", "Film it on your phone"),
                                        Map.of("id", "b", "text", "Explain the policy and decline"))),
                        Map.of("id", "q2", "text", "Which of these can identify a patient?",
                                "type", "MULTIPLE_CHOICE", "correct", List.of("a", "c"),
                                "options", List.of(Map.of("id", "a", "text", "A whiteboard in the background"),
                                        Map.of("id", "b", "text", "The trust's logo"),
                                        Map.of("id", "c", "text", "A tattoo")))),
                "passMark", 80, "refresherPeriod", "P1Y",
                "audienceDepartments", List.of("Emergency Department"));
        HttpResponse<String> created = http.postJson(Platform.GATEWAY + "/api/training/modules", governance, module);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> published = http.post(Platform.GATEWAY + "/api/training/modules/" + CODE + "/versions/1/publish", governance);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }
}
