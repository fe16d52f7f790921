package org.trustgov.starter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.trustgov.problem.BadRequestException;
import org.trustgov.problem.ProblemBodies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A paging parameter refused before any controller runs is answered as a controller answers a parameter it refuses:
 * the same title, the parameter named in {@code errors}, so a client reads every 400 that names a field one way.
 */
class ParameterLimitFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ParameterLimitFilter filter =
            new ParameterLimitFilter(new RequestLimitProperties(DataSize.ofMegabytes(1), 200, 20));

    @Test
    void aPagingParameterRefusedByTheFilterIsNamedUnderTheValidationProblemsTitle() throws Exception {
        MockHttpServletResponse response = send("/api/audit/log", "page=-1");

        assertThat(response.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
        assertThat(response.getContentType()).isEqualTo(ProblemBodies.MEDIA_TYPE);
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.get("title").asString())
                .isEqualTo(BadRequestException.validationProblem(java.util.List.of())
                        .getTitle())
                .isEqualTo("Invalid request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid page: must be a whole number from 0 to 100000");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("page");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/audit/log");
    }

    @Test
    void aParameterTooLongIsARefusalOfTheRequestNotOfAField() throws Exception {
        MockHttpServletResponse response = send("/api/audit/log", "q=" + "x".repeat(5_000));

        assertThat(response.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.has("errors")).isFalse();
    }

    @Test
    void anOrdinaryPageGoesOn() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = send("/api/audit/log", "page=2&size=50", chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }

    private MockHttpServletResponse send(String path, String query) throws Exception {
        return send(path, query, new MockFilterChain());
    }

    private MockHttpServletResponse send(String path, String query, FilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setQueryString(query);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}
