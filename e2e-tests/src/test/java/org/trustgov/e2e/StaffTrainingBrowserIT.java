package org.trustgov.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustgov.e2e.Http.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff pages in a real browser: a doctor opens "My training", signs in on Keycloak's own login page, takes
 * the module assigned to her department, fails it once, passes it, and opens her certificate. The pages run under
 * the gateway's Content-Security-Policy and must log no errors.
 */
@StartedPlatform
class StaffTrainingBrowserIT {

    private static final String CODE = "SMW-01";
    private static final String TITLE = "Social media in the Emergency Department";
    private static final By ROW = By.cssSelector("tr[data-module='" + CODE + "']");

    private static Browser browser;
    private final Http http = new Http();

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (ExtensionContext context, Throwable failure) -> {
        if (browser != null) {
            failure.addSuppressed(new AssertionError("screenshot: " + browser.screenshot(context.getDisplayName())
                    + "\nurl: " + browser.driver().getCurrentUrl()));
        }
        throw failure;
    };

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aDoctorSignsInTakesHerModuleFailsOncePassesAndOpensHerCertificate() {
        publishTheDepartmentsModule();

        browser.go(Platform.GATEWAY + "/training.html");
        browser.waitUntilUrlStartsWith(Platform.REALM + "/protocol/openid-connect/auth");
        browser.visible(By.id("username")).sendKeys("priya.doctor");
        browser.visible(By.id("password")).sendKeys(Http.PASSWORD);
        browser.visible(By.id("kc-login")).click();

        browser.waitUntilUrlStartsWith(Platform.GATEWAY + "/training.html");
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

        // What the browser did is what governance sees: one failed attempt, one pass.
        HttpResponse<String> record = http.get(Platform.GATEWAY + "/api/training/compliance/staff/10000002",
                http.personToken("morgan.governance"));
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        assertThat(record.body()).contains("\"moduleCode\":\"" + CODE + "\"");
        boolean compliant = false;
        for (var standing : json(record).get("modules")) {
            if (standing.get("moduleCode").asString().equals(CODE)) {
                compliant = standing.get("status").asString().equals("COMPLIANT");
            }
        }
        assertThat(compliant).as(record.body()).isTrue();
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
