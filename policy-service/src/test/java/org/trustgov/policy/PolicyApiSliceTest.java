package org.trustgov.policy;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.trustgov.keycloak.servlet.KeycloakServletAutoConfiguration;
import org.trustgov.policy.attestations.AttestationController;
import org.trustgov.policy.attestations.AttestationService;
import org.trustgov.policy.attestations.AttestationViews;
import org.trustgov.policy.policies.Policy;
import org.trustgov.policy.policies.PolicyController;
import org.trustgov.policy.policies.PolicyRepository;
import org.trustgov.policy.policies.PolicyService;
import org.trustgov.policy.resources.ResourceController;
import org.trustgov.policy.resources.ResourceService;
import org.trustgov.policy.resources.SignpostingResource;
import org.trustgov.policy.reviews.ReviewController;
import org.trustgov.policy.reviews.ReviewReminders;
import org.trustgov.policy.versions.Clause;
import org.trustgov.policy.versions.NewVersionRequest;
import org.trustgov.policy.versions.Person;
import org.trustgov.policy.versions.PolicyVersion;
import org.trustgov.policy.versions.VersionContent;
import org.trustgov.policy.versions.VersionController;
import org.trustgov.policy.versions.VersionNumber;
import org.trustgov.policy.versions.VersionRepository;
import org.trustgov.policy.versions.VersionService;
import org.trustgov.starter.ServiceWebAutoConfiguration;
import org.trustgov.starter.idempotency.IdempotencyAutoConfiguration;
import org.trustgov.starter.idempotency.KeyedSending;
import org.trustgov.starter.security.ServiceSecurityAutoConfiguration;

/** Who may call what, and what bad input gets: the web layer with the real security rules, services mocked. */
@WebMvcTest({
    PolicyController.class,
    VersionController.class,
    AttestationController.class,
    ResourceController.class,
    ReviewController.class
})
@ImportAutoConfiguration({
    KeycloakServletAutoConfiguration.class,
    ServiceSecurityAutoConfiguration.class,
    ServiceWebAutoConfiguration.class,
    IdempotencyAutoConfiguration.class
})
class PolicyApiSliceTest {

    static final List<String> ROLES =
            List.of("staff", "line-manager", "policy-author", "governance", "auditor", "hr-integration", "service");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PolicyService policies;

    @MockitoBean
    VersionService versions;

    @MockitoBean
    AttestationService attestations;

    @MockitoBean
    ResourceService resources;

    @MockitoBean
    PolicyRepository policyRepository;

    @MockitoBean
    VersionRepository versionRepository;

    @MockitoBean
    Clock clock;

    @MockitoBean
    ReviewReminders reviewReminders;

    static final String POLICY = """
            {"code":"SM-002","title":"Photography policy","audience":["All staff"]}""";
    static final String VERSION = """
            {"number":"1.0","content":{"clauses":[{"number":"1.1","heading":"Purpose","text":"t"}],
             "changeSummary":"first","effectiveDate":"2027-01-01"}}""";
    static final String RESOURCE = """
            {"name":"NHS 111","url":"https://111.nhs.uk/","description":"Urgent advice","topic":"CRISIS_AND_URGENT_HELP","reviewDate":"2027-01-01"}""";

    /** Each write endpoint and the roles allowed to call it. */
    static Stream<Arguments> writeEndpoints() {
        return Stream.of(
                Arguments.of(
                        "create policy",
                        post("/api/policy/policies").content(POLICY),
                        Set.of("policy-author", "governance")),
                Arguments.of(
                        "create draft",
                        post("/api/policy/policies/SM-001/versions").content(VERSION),
                        Set.of("policy-author", "governance")),
                Arguments.of(
                        "submit",
                        post("/api/policy/policies/SM-001/versions/1.0/submit"),
                        Set.of("policy-author", "governance")),
                Arguments.of("approve", post("/api/policy/policies/SM-001/versions/1.0/approve"), Set.of("governance")),
                Arguments.of("publish", post("/api/policy/policies/SM-001/versions/1.0/publish"), Set.of("governance")),
                Arguments.of("retire", post("/api/policy/policies/SM-001/retire"), Set.of("governance")),
                Arguments.of(
                        "acknowledge", post("/api/policy/policies/SM-001/versions/1.0/attestations"), Set.of("staff")),
                Arguments.of(
                        "coverage", get("/api/policy/policies/SM-001/coverage"), Set.of("governance", "line-manager")),
                Arguments.of("reviews due", get("/api/policy/reviews/due"), Set.of("governance", "policy-author")),
                Arguments.of("add resource", post("/api/policy/resources").content(RESOURCE), Set.of("governance")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeEndpoints")
    void everyRoleNotAllowedGets403AndEveryAllowedRoleGetsThrough(
            String name, MockHttpServletRequestBuilder request, Set<String> allowed) throws Exception {
        stubServices();
        for (String role : ROLES) {
            var result = mvc.perform(
                            request.contentType(MediaType.APPLICATION_JSON).with(token(role)))
                    .andReturn();
            int status = result.getResponse().getStatus();
            if (allowed.contains(role)) {
                Assertions.assertThat(status).as(name + " as " + role).isBetween(200, 299);
            } else {
                Assertions.assertThat(status).as(name + " as " + role).isEqualTo(403);
                Assertions.assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
            }
        }
    }

    @Test
    void anyoneSignedInReadsPoliciesAndResources() throws Exception {
        stubServices();
        for (String role : ROLES) {
            mvc.perform(get("/api/policy/policies/SM-001").with(token(role))).andExpect(status().isOk());
            mvc.perform(get("/api/policy/resources").with(token(role))).andExpect(status().isOk());
        }
    }

    @Test
    void aBadPolicyIsRefusedNamingEachField() throws Exception {
        mvc.perform(post("/api/policy/policies")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .content("{\"code\":\"social\",\"title\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.errors[?(@.field == 'code')].message").value("must look like SM-001"))
                .andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists());
    }

    @Test
    void aBadClauseIsRefusedNamingItsPath() throws Exception {
        mvc.perform(post("/api/policy/policies/SM-001/versions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("policy-author"))
                        .content("""
                                {"number":"1.0","content":{"clauses":[{"number":"four","heading":"h","text":"t"}],
                                 "changeSummary":"s","effectiveDate":"2027-01-01"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("content.clauses[0].number"));
    }

    @Test
    void aMongoOperatorInAJsonValueIsRefusedAsDataNotRunAsAQuery() throws Exception {
        mvc.perform(post("/api/policy/policies")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .content("{\"code\":\"SM-009\",\"title\":{\"$gt\":\"\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"));
    }

    @Test
    void aSignpostingUrlMustBeHttpOrHttps() throws Exception {
        mvc.perform(post("/api/policy/resources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .content(RESOURCE.replace("https://111.nhs.uk/", "javascript:alert(1)")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("url"));
    }

    @Test
    void anIdempotencyKeyThatCannotBeOneIs400NamingTheHeaderAndReachesNoService() throws Exception {
        when(resources.create(any(), any(), any()))
                .thenAnswer(i -> new KeyedSending.Made<>(new SignpostingResource(i.getArgument(0), "g"), false));
        mvc.perform(post("/api/policy/resources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .header("Idempotency-Key", "short")
                        .content(RESOURCE))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        org.mockito.Mockito.verify(resources, org.mockito.Mockito.never()).create(any(), any(), any());
        mvc.perform(post("/api/policy/resources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .header("Idempotency-Key", "\"0f8b7c52-3d7e-4c41-9a55-2c6f1e0b9d43\"")
                        .content(RESOURCE))
                .andExpect(status().isCreated());
        org.mockito.Mockito.verify(resources)
                .create(
                        any(),
                        any(),
                        org.mockito.ArgumentMatchers.eq(new org.trustgov.starter.idempotency.IdempotencyKey(
                                "0f8b7c52-3d7e-4c41-9a55-2c6f1e0b9d43")));
    }

    @Test
    void aClauseAResourceSupportsMustBeAClauseNumberOfAPolicyCode() throws Exception {
        when(resources.create(any(), any(), any()))
                .thenAnswer(i -> new KeyedSending.Made<>(new SignpostingResource(i.getArgument(0), "g"), false));
        mvc.perform(
                        post("/api/policy/resources")
                                .contentType(MediaType.APPLICATION_JSON)
                                .with(token("governance"))
                                .content(
                                        RESOURCE.replace(
                                                "\"reviewDate\"",
                                                "\"clauses\":[{\"policyCode\":\"SM-001\",\"clauseNumber\":\"4.2; drop\"}],\"reviewDate\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("clauses[0].clauseNumber"));
        mvc.perform(post("/api/policy/resources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .content(RESOURCE.replace(
                                "\"reviewDate\"",
                                "\"clauses\":[{\"policyCode\":\"SM-001\",\"clauseNumber\":\"4.2\"}],\"reviewDate\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.clauses[0].clauseNumber").value("4.2"));
    }

    @Test
    void aResourceWithoutATopicOrWithAnUnknownOneIs400NamingTheField() throws Exception {
        mvc.perform(post("/api/policy/resources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .content(RESOURCE.replace("\"topic\":\"CRISIS_AND_URGENT_HELP\",", "")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("topic"));
        mvc.perform(post("/api/policy/resources")
                        .contentType(MediaType.APPLICATION_JSON)
                        .with(token("governance"))
                        .content(RESOURCE.replace("CRISIS_AND_URGENT_HELP", "GOSSIP")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("topic"));
    }

    @Test
    void onlyGovernanceRetiresResourcesOrSeesTheRetiredOnes() throws Exception {
        mvc.perform(post("/api/policy/resources/r1/retire").with(token("staff")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/policy/resources?retired=true").with(token("staff")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/policy/resources?retired=true").with(token("governance")))
                .andExpect(status().isOk());
    }

    @Test
    void aMalformedReviewWindowIs400NamingIt() throws Exception {
        mvc.perform(get("/api/policy/reviews/due?within=soon").with(token("governance")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("within"));
    }

    private void stubServices() {
        Policy policy = new Policy("SM-001", "Social media policy", "jordan.author");
        PolicyVersion version = PolicyVersion.draft(
                "SM-001",
                VersionNumber.parse("1.0"),
                new VersionContent(
                        List.of(new Clause("1.1", "Purpose", "t")), "first", LocalDate.parse("2027-01-01"), null),
                new Person("jordan.author", "10000003"),
                Period.ofYears(3),
                Instant.now());
        var versioned = new VersionService.Versioned(policy, version);
        when(policies.get(any())).thenReturn(policy);
        when(policies.create(any(), any())).thenReturn(policy);
        when(policies.retire(any(), any())).thenReturn(policy);
        when(versions.createDraft(any(), any(NewVersionRequest.class), any())).thenReturn(versioned);
        when(versions.submitForReview(any(), any(), any())).thenReturn(versioned);
        when(versions.approve(any(), any(), any())).thenReturn(versioned);
        when(versions.publish(any(), any(), any())).thenReturn(versioned);
        when(attestations.acknowledge(any(), any(), any()))
                .thenReturn(
                        new AttestationViews.Acknowledgement("SM-001", "1.0", "h", "10000001", Instant.now(), true));
        when(attestations.coverage(any(), any()))
                .thenReturn(new AttestationViews.Coverage("SM-001", "1.0", List.of(), true, false));
        when(resources.create(any(), any(), any()))
                .thenAnswer(i -> new KeyedSending.Made<>(new SignpostingResource(i.getArgument(0), "g"), false));
        when(policyRepository.findAll(any(Sort.class))).thenReturn(List.of());
        when(clock.instant()).thenReturn(Instant.now());
        when(clock.getZone()).thenReturn(ZoneOffset.UTC);
    }

    private static RequestPostProcessor token(String role) {
        boolean service = role.equals("service") || role.equals("hr-integration");
        String username = service ? "service-account-client" : "user." + role;
        return jwt().jwt(j -> j.claims(c -> c.putAll(Map.of(
                        "preferred_username",
                        username,
                        "azp",
                        service ? "client" : "demo-cli",
                        "staff_number",
                        "10000099",
                        "department",
                        "Acute Medicine",
                        "realm_access",
                        Map.of("roles", List.of(role))))))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }
}
