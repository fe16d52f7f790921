package org.trustgov.starter.paging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The paging parameters as the client sent them: what passes, and a refusal that says what would. */
class PagingParametersTest {

    @ParameterizedTest
    @CsvSource({
        "page,0",
        "page,100000",
        "size,1",
        "size,999999999",
        "sort,reportedAt",
        "sort,'reportedAt,desc'",
        "sort,''",
        "other,-1"
    })
    void ordinaryValuesPass(String name, String value) {
        assertThat(PagingParameters.refusal(name, value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "100001", "99999999999", "01", " 1", "1.0", ""})
    void aPageOutsideTheListsIsRefusedNamingTheRange(String page) {
        assertThat(PagingParameters.refusal("page", page)).isEqualTo("must be a whole number from 0 to 100000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1000000000", "9223372036854775807", "1e3", ""})
    void aSizeOutsideWhatIsReadIsRefusedNamingBothEnds(String size) {
        assertThat(PagingParameters.refusal("size", size))
                .isEqualTo("must be a whole number from 1 to 999999999 (a list gives at most its own largest page)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "reportedAt,,desc", ",desc", "a;b", "1abc"})
    void aSortThatNamesNoPropertyAndDirectionIsRefused(String sort) {
        assertThat(PagingParameters.refusal("sort", sort)).startsWith("names properties and a direction");
    }
}
