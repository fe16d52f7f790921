package org.trustgov.policy.versions;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.trustgov.problem.BadRequestException;

/** A numbered clause of a policy version, e.g. {@code 4.2 Photographs on wards}. */
@Schema(example = """
        {"number":"4.2","heading":"Photographs and video","text":"Never take or share images of patients, visitors or clinical areas on a personal device or account."}""")
public record Clause(
        @NotBlank @Pattern(regexp = "[0-9]{1,3}(\\.[0-9]{1,3}){0,3}", message = "must be a clause number such as 4.2")
        String number,

        @NotBlank @Size(max = 200) String heading,
        @NotBlank @Size(max = 20000) String text) {

    /** Orders clause numbers as readers do: 4.2 before 4.10. */
    public static final Comparator<String> NUMBER_ORDER = (a, b) -> {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    };

    /** The clauses in reading order; a number used twice is refused, naming the second one. */
    public static List<Clause> ordered(List<Clause> clauses) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < clauses.size(); i++) {
            if (!seen.add(clauses.get(i).number())) {
                throw new BadRequestException(
                        "clauses[" + i + "].number", "clause " + clauses.get(i).number() + " appears more than once");
            }
        }
        List<Clause> sorted = new ArrayList<>(clauses);
        sorted.sort(Comparator.comparing(Clause::number, NUMBER_ORDER));
        return List.copyOf(sorted);
    }
}
