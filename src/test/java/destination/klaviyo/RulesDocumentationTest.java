package destination.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping's tables are the declarations': the build compiles them, and docs/mapping.md must say the same. */
class RulesDocumentationTest {
    private static final String BEGIN = "<!-- Generated from the declarations by src/build/RulesCompiler.java: begin -->";
    private static final String END = "<!-- Generated from the declarations: end -->";
    /** The command that writes the tables into docs/mapping.md again (docs/rules.md has it too). */
    static final String WRITE_AGAIN = "java src/build/RulesCompiler.java . target/generated-sources/rules"
            + " target/rules/mapping-rules.md docs/mapping.md";

    @Test
    void theMappingsTablesAreTheDeclarations() throws IOException {
        String generated = Files.readString(Path.of("target/rules/mapping-rules.md"));
        String doc = Files.readString(Path.of("docs/mapping.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/mapping.md has the markers of the generated tables");
        String written = doc.substring(begin + BEGIN.length(), end);
        // The tables' first line in docs/mapping.md, once the blank lines after the marker are skipped.
        int first = doc.substring(0, begin + BEGIN.length() + written.indexOf(written.strip())).split("\n", -1).length;
        String diff = diff(written.strip(), generated.strip(), first);
        assertTrue(diff.isEmpty(), "docs/mapping.md differs from the declarations:\n" + diff
                + "Write its tables again, from the project's folder:\n    " + WRITE_AGAIN + "\n");
    }

    @Test
    void theGeneratedTablesCoverEveryKlaviyoObject() throws IOException {
        String generated = Files.readString(Path.of("target/rules/mapping-rules.md"));
        for (String made : new String[] {"Identify.PROFILE", "Track.EVENT",
                "Group.ORGANIZATION", "OrderCompleted.ORDER", "OrderCompleted.ITEM", "OrderCompleted.ORDERED"}) {
            assertTrue(generated.contains("### " + made + "\n"), made);
        }
    }

    @Test
    void aStaleTableShowsAsAUnifiedDiffOfTheLinesThatChanged() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj";
        String after = "a\nb\nc\nd\ne\nF\ng\nh\ni\nj\nk";
        assertEquals("""
                --- docs/mapping.md
                +++ the declarations
                @@ -13,8 +13,9 @@
                 c
                 d
                 e
                -f
                +F
                 g
                 h
                 i
                 j
                +k
                """, diff(before, after, 11));
        assertEquals("", diff(before, before, 1));
    }

    /**
     * A unified diff of the lines of {@code doc} (its first line is line {@code first} of
     * docs/mapping.md) against {@code generated}, with three lines of context; empty when they are the same.
     */
    static String diff(String doc, String generated, int first) {
        String[] a = doc.split("\n", -1);
        String[] b = generated.split("\n", -1);
        // The longest common subsequence, from the ends: common[i][j] for a[i..] and b[j..].
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        // Each line: ' ' the same, '-' only in the doc, '+' only in the declarations; with its place in each.
        List<String> lines = new ArrayList<>();
        List<int[]> places = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(" " + a[i]);
                places.add(new int[] {i++, j++});
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("-" + a[i]);
                places.add(new int[] {i++, j});
            } else {
                lines.add("+" + b[j]);
                places.add(new int[] {i, j++});
            }
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (n < lines.size()) {
            if (lines.get(n).charAt(0) == ' ') {
                n++;
                continue;
            }
            // A hunk: from three lines before a change to three after the last change closer than seven.
            int start = Math.max(0, n - 3);
            int stop = n;
            for (int k = n; k < lines.size() && k <= stop + 6; k++) {
                if (lines.get(k).charAt(0) != ' ') {
                    stop = k;
                }
            }
            int last = Math.min(lines.size() - 1, stop + 3);
            int docLines = 0;
            int generatedLines = 0;
            for (int k = start; k <= last; k++) {
                docLines += lines.get(k).charAt(0) == '+' ? 0 : 1;
                generatedLines += lines.get(k).charAt(0) == '-' ? 0 : 1;
            }
            if (out.isEmpty()) {
                out.append("--- docs/mapping.md\n+++ the declarations\n");
            }
            out.append("@@ -").append(first + places.get(start)[0]).append(',').append(docLines)
                    .append(" +").append(first + places.get(start)[1]).append(',').append(generatedLines).append(" @@\n");
            for (int k = start; k <= last; k++) {
                out.append(lines.get(k)).append('\n');
            }
            n = last + 1;
        }
        return out.toString();
    }
}
