package org.trustgov.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays what a newcomer reads first, and every relative link in it and in {@code docs/} leads somewhere:
 * to a file of the repository, and where it names a heading (`#…`), to a heading of that file (GitHub's anchors:
 * lower case, punctuation dropped, spaces as dashes).
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Platform.ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(Platform.ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        assertThat(documents).hasSizeGreaterThan(5);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http(s), mailto: not ours to check offline
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty()
                        ? document
                        : document.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(Platform.ROOT.relativize(document) + ": " + target + " (no such file)");
                } else if (target.contains("#")
                        && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved)).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(Platform.ROOT.relativize(document) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(checked).as("the README links the docs").isGreaterThan(10);
    }

    @Test
    void theReadmeIsWhatANewcomerReadsFirst() throws IOException {
        List<String> readme = Files.readAllLines(Platform.ROOT.resolve("README.md"));
        assertThat(readme.size()).as("lines; the reference lives in docs/").isLessThan(250);
        assertThat(String.join("\n", readme))
                .contains("deploy/local/start.sh")
                .contains("./mvnw verify")
                .contains("Trust-Demo-2026");
    }

    private static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+\\s*", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }
}
