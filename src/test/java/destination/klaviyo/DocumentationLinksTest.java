package destination.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's documents hold together: every relative link of README.md, CONTRIBUTING.md,
 * CHANGELOG.md and docs/*.md points to a file that exists, and a link with a #fragment to a heading
 * of that file, as GitHub makes heading anchors (lowercase, punctuation dropped, spaces to '-', a
 * repeated heading's anchor numbered). No document names the project's planning: no "seed", no
 * issue number. And the README stays what a newcomer reads in five minutes.
 */
class DocumentationLinksTest {
    private static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

    /** The pages docs/ must hold, one per subject. */
    private static final List<String> PAGES = List.of("mapping.md", "subscriptions.md", "track-by-email.md",
            "forms.md", "consent-and-logout.md", "klaviyo-script-and-csp.md", "bad-input.md", "lifecycle.md",
            "performance.md");

    /** [text](target) and ![alt](target): the target up to a space (a title may follow) or ')'. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+[^)]*)?\\)");
    /** A reference definition: [label]: target. */
    private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:[ \\t]*<?([^\\s>]+)>?");
    /** A target with a scheme (https:, mailto:) or protocol-relative: not a file of the repository. */
    private static final Pattern ABSOLUTE = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)");
    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    /** "issue 9", "Issue #18", "(issues 9 and 10)", or GitHub's own "#21". */
    private static final Pattern ISSUE_NUMBER = Pattern.compile("(?i)\\bissues?\\s*#?\\d+|(?<![\\w/&#])#\\d+\\b");

    /** README.md, CONTRIBUTING.md, CHANGELOG.md and docs/*.md. */
    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(BASE.resolve("README.md"), BASE.resolve("CONTRIBUTING.md"),
                BASE.resolve("CHANGELOG.md")));
        try (Stream<Path> docs = Files.list(BASE.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void docsHoldsAPagePerSubject() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String page : PAGES) {
            if (!Files.isRegularFile(BASE.resolve("docs").resolve(page))) {
                missing.add(page);
            }
        }
        assertEquals(List.of(), missing, "pages missing from docs/");
    }

    @Test
    void everyRelativeLinkPointsToAFileOrHeadingThatExists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            broken.addAll(brokenLinks(document, BASE));
        }
        assertEquals(List.of(), broken, "broken relative links");
    }

    @Test
    void noDocumentNamesTheProjectsPlanning() throws IOException {
        List<Path> all = new ArrayList<>(documents());
        // Users read these too: npm shows the package's README, and bench/README.md sits beside the code.
        all.add(BASE.resolve("src/main/npm/README.md"));
        all.add(BASE.resolve("bench/README.md"));
        List<String> found = new ArrayList<>();
        for (Path document : all) {
            found.addAll(planningWords(document, BASE));
        }
        assertEquals(List.of(), found, "words of the project's planning in documents users read");
    }

    @Test
    void theReadmeIsAtMostThreeHundredLines() throws IOException {
        int lines = Files.readAllLines(BASE.resolve("README.md")).size();
        assertTrue(lines <= 300, "README.md has " + lines + " lines");
    }

    /** The demo and the tests are the first two shell blocks, and CI runs exactly the second. */
    @Test
    void theReadmesFirstTwoShellBlocksAreTheDemoAndTheTests() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher sh = Pattern.compile("(?m)^```sh\\n(.*?)\\n```").matcher(Files.readString(BASE.resolve("README.md")));
        while (sh.find() && blocks.size() < 2) {
            blocks.add(sh.group(1));
        }
        assertEquals(List.of("mvn -B -DskipTests package && java web/DemoServer.java", "mvn -B test"), blocks);
        List<String> ci = Files.readAllLines(BASE.resolve(".ci/run"));
        assertEquals(blocks.get(1), ci.get(ci.size() - 1), ".ci/run's last line");
    }

    /** The checks themselves find what they are for, so that they cannot pass by finding nothing. */
    @Test
    void theChecksFindABrokenFileAMissingHeadingAndPlanningWords(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/page.md"), "# A page\n\n## Klaviyo's sign-up forms, `reported`\n\n## Twice\n\n## Twice\n");
        Files.writeString(dir.resolve("README.md"), """
                # Read me

                [fine](docs/page.md), [heading](docs/page.md#klaviyos-sign-up-forms-reported),
                [second twice](docs/page.md#twice-1), [here](#read-me), [web](https://example.com/x.md#nothing),
                [no file](docs/gone.md), [no heading](docs/page.md#gone), [no third](docs/page.md#twice-2),
                [not here](#gone), ![no image](docs/gone.png)

                ```sh
                [in code](docs/also-gone.md) is not a link
                ```

                [ref]: docs/gone-too.md
                Made from the seed, as issue 9 and (issue 18) and #21 say; `[code](docs/x.md)` is not a link.
                """);
        assertEquals(List.of("README.md:5: docs/gone.md", "README.md:5: docs/page.md#gone",
                "README.md:5: docs/page.md#twice-2", "README.md:6: #gone", "README.md:6: docs/gone.png",
                "README.md:12: docs/gone-too.md"), brokenLinks(dir.resolve("README.md"), dir));
        assertEquals(List.of("README.md:13: seed", "README.md:13: issue 9", "README.md:13: issue 18",
                "README.md:13: #21"), planningWords(dir.resolve("README.md"), dir));
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("klaviyos-sign-up-forms-reported-to-analyticsjs",
                anchor("Klaviyo's sign-up forms, reported to analytics.js"));
        assertEquals("reset", anchor("`reset()`"));
        assertEquals("the-two-commands", anchor("The **two** commands"));
        assertEquals("see-mapping", anchor("See [Mapping](docs/mapping.md)"));
        assertEquals("trackbyemail-and-consent_settings", anchor("trackByEmail and consent_settings"));
    }

    /** The relative links of a document whose target is missing, as "file:line: target". */
    static List<String> brokenLinks(Path document, Path root) throws IOException {
        record Broken(int line, String text) {
        }
        List<Broken> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        String prose = prose(Files.readAllLines(document));
        // A link's text may wrap onto the next line, so the whole text is searched; its line is where it starts.
        for (Matcher link : List.of(INLINE_LINK.matcher(prose), REFERENCE.matcher(prose))) {
            while (link.find()) {
                String target = link.group(1);
                if (!target.isEmpty() && !ABSOLUTE.matcher(target).find() && !exists(document, root, target, anchors)) {
                    int line = 1 + (int) prose.substring(0, link.start()).chars().filter(c -> c == '\n').count();
                    broken.add(new Broken(line, root.relativize(document) + ":" + line + ": " + target));
                }
            }
        }
        broken.sort(Comparator.comparingInt(Broken::line));
        return broken.stream().map(Broken::text).toList();
    }

    /** A document's lines without code: fenced blocks and code spans become empty, the lines stay. */
    private static String prose(List<String> lines) {
        StringBuilder prose = new StringBuilder();
        boolean code = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                code = !code;
            } else if (!code) {
                prose.append(CODE_SPAN.matcher(line).replaceAll(""));
            }
            prose.append('\n');
        }
        return prose.toString();
    }

    /** Whether a relative link's file exists inside the repository, and its heading, when it names one. */
    private static boolean exists(Path document, Path root, String target, Map<Path, Set<String>> anchors) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path path = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!path.startsWith(root) || !Files.exists(path)) {
            return false;
        }
        if (hash < 0) {
            return true;
        }
        return Files.isRegularFile(path) && path.toString().endsWith(".md")
                && anchors.computeIfAbsent(path, DocumentationLinksTest::anchors).contains(target.substring(hash + 1));
    }

    /** The anchors of a Markdown file's headings (ATX headings outside code blocks), as GitHub makes them. */
    static Set<String> anchors(Path markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        try {
            for (String line : Files.readAllLines(markdown)) {
                if (FENCE.matcher(line).find()) {
                    code = !code;
                    continue;
                }
                Matcher heading = ATX_HEADING.matcher(line);
                if (!code && heading.matches()) {
                    String anchor = anchor(heading.group(1));
                    int times = seen.merge(anchor, 1, Integer::sum);
                    anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: its text as shown (links as their text, no code marks, emphasis
     * or tags), lowercased, with every character but letters, marks, digits, '_', '-' and spaces
     * dropped, and each space made '-'.
     */
    static String anchor(String heading) {
        String shown = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "")
                .replaceAll("[`*]", "");
        return shown.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}_\\- ]", "").replace(' ', '-');
    }

    /** "seed" and issue numbers in a document, as "file:line: word". */
    static List<String> planningWords(Path document, Path root) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(document);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = root.relativize(document) + ":" + (n + 1) + ": ";
            if (line.toLowerCase(Locale.ROOT).contains("seed")) {
                found.add(where + "seed");
            }
            Matcher issue = ISSUE_NUMBER.matcher(line);
            while (issue.find()) {
                found.add(where + issue.group());
            }
        }
        return found;
    }
}
