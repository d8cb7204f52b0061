package destination.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mapping's tables are the declarations': the build compiles them, and docs/mapping.md must say the same. */
class RulesDocumentationTest {
    private static final String BEGIN = "<!-- Generated from the declarations by src/build/RulesCompiler.java: begin -->";
    private static final String END = "<!-- Generated from the declarations: end -->";

    @Test
    void theMappingsTablesAreTheDeclarations() throws IOException {
        String generated = Files.readString(Path.of("target/rules/mapping-rules.md"));
        String doc = Files.readString(Path.of("docs/mapping.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/mapping.md has the markers of the generated tables");
        assertEquals(generated.strip(), doc.substring(begin + BEGIN.length(), end).strip(),
                "docs/mapping.md differs from the declarations: write it again as docs/rules.md says");
    }

    @Test
    void theGeneratedTablesCoverEveryKlaviyoObject() throws IOException {
        String generated = Files.readString(Path.of("target/rules/mapping-rules.md"));
        for (String made : new String[] {"Identify.PROFILE", "Track.EVENT",
                "Group.ORGANIZATION", "OrderCompleted.ORDER", "OrderCompleted.ITEM", "OrderCompleted.ORDERED"}) {
            assertTrue(generated.contains("### " + made + "\n"), made);
        }
    }
}
