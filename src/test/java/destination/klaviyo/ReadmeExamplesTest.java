package destination.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The READMEs' examples work when copied: the destination loads Klaviyo's script at the first page
 * call, so every example that loads a host which makes no page call by itself
 * ({@code AnalyticsBrowser.load}, analytics.js-core's {@code initialize}) makes one. And the README
 * holds no size figure: those are in docs/performance.md only, where they are kept up to date.
 */
class ReadmeExamplesTest {
    private static final Path BASE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Pattern CODE = Pattern.compile("(?s)```[a-z]*\\n(.*?)```");
    private static final Pattern LOADS = Pattern.compile("AnalyticsBrowser\\.load\\(|analytics\\.initialize\\(");

    private static List<String> examples(String file) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = CODE.matcher(Files.readString(BASE.resolve(file)));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static void assertEveryLoadMakesAPageCall(String file, int expected) throws IOException {
        int loads = 0;
        for (String example : examples(file)) {
            if (LOADS.matcher(example).find()) {
                loads++;
                assertTrue(example.contains("analytics.page();"), file + ": an example without a page call:\n" + example);
            }
        }
        assertEquals(expected, loads, file + ": the examples that load a host");
    }

    @Test
    void everyReadmeExampleThatLoadsAHostMakesThePageCall() throws IOException {
        assertEveryLoadMakesAPageCall("README.md", 4);
    }

    @Test
    void everyNpmReadmeExampleThatLoadsAHostMakesThePageCall() throws IOException {
        assertEveryLoadMakesAPageCall("src/main/npm/README.md", 3);
    }

    @Test
    void theDocumentsSayWhatAUserCheckedAndFoundMissing() throws IOException {
        String readme = Files.readString(BASE.resolve("README.md"));
        String mapping = Files.readString(BASE.resolve("docs/mapping.md"));
        String troubleshooting = readme.substring(readme.indexOf("## Troubleshooting"));
        assertTrue(readme.contains("npm install ../klaviyo-destination/target/analytics-destination-klaviyo-1.0.0.tgz"),
                "README: how to install the built tarball before the package is published");
        assertTrue(troubleshooting.contains("disableAutoISOConversion"), "README's Troubleshooting: dates");
        assertTrue(mapping.contains("## Dates") && mapping.contains("disableAutoISOConversion: true"), "docs/mapping.md: dates");
        assertTrue(mapping.contains("`_learnq.clearIdentity()`") && !mapping.contains("['clearIdentity']"),
                "docs/mapping.md: what reset calls");
        String parity = mapping.substring(mapping.indexOf("### Kept for parity"));
        assertTrue(parity.contains("`RowTotal` is its unit price"), "docs/mapping.md: RowTotal kept for parity");
    }

    @Test
    void theReadmeHoldsNoSizeFigure() throws IOException {
        String readme = Files.readString(BASE.resolve("README.md"));
        assertFalse(Pattern.compile("\\d[\\d,]* bytes").matcher(readme).find(), "a size figure in README.md");
    }
}
