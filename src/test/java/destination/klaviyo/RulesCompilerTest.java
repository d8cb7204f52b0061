package destination.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules' compiler (src/build/RulesCompiler.java), run as the build runs it, on a project of one
 * class: what it makes of a declaration, and the declarations it refuses. The rules it compiles for
 * the destination are tested through their commands (MappingCasesTest and the rest).
 */
class RulesCompilerTest {
    @TempDir
    Path project;

    @Test
    void aDeclarationBecomesAMethodAndATable() throws Exception {
        Result result = compile("""
                /** Thing → a Klaviyo thing. https://example.com/doc */
                static final String THING = \"""
                        from properties
                        Name    name:clean | title        -=name
                        Price   price:truthy | cost  >money
                        Copy?   other.key:truthy
                        drop secret
                        require Name
                        rest
                        \""";
                """);
        assertEquals(0, result.exit, result.output);
        String java = Files.readString(project.resolve("out/destination/klaviyo/core/Rules.java"));
        assertTrue(java.contains("int exampleThing(Found f, int object) {"), java);
        assertTrue(java.contains("propertiesKeys = new KeyList(values, \"name title =name price cost other secret\");"), java);
        assertTrue(java.contains("propertiesOtherKeys = new KeyList(values, \"key\");"), java);
        assertEquals("""
                ### Example.THING

                Thing → a Klaviyo thing. https://example.com/doc

                Read from the properties. Sent only when `Name` has a value. Its other keys come first, \
                copied as plain JSON, but `secret`.

                | Klaviyo property | from, in order of preference | leaves out of the copy |
                | --- | --- | --- |
                | `Name` | `name`, trimmed; else `title` | `=name` |
                | `Price` | `price`, when truthy; else `cost`; read as an amount |  |
                | `Copy` (unless the object has its own) | `other.key`, when truthy |  |

                """, Files.readString(project.resolve("rules.md")));
    }

    @Test
    void anUnknownReadingStopsTheBuild() throws Exception {
        Result result = compile(declaration("Name  name:fancy"));
        assertTrue(result.exit != 0 && result.output.contains("no reading fancy"), result.output);
    }

    @Test
    void aGivenValueReadOtherwiseThanAsAnEmailStopsTheBuild() throws Exception {
        Result result = compile(declaration("Name  @name:clean"));
        assertTrue(result.exit != 0 && result.output.contains("a given value is read as it is, or as an email"),
                result.output);
    }

    @Test
    void aRequiredPropertyThatDoesNotExistStopsTheBuild() throws Exception {
        Result result = compile(declaration("Name  name\nrequire Title"));
        assertTrue(result.exit != 0 && result.output.contains("THING: no property Title"), result.output);
    }

    @Test
    void copiesApartStopTheBuild() throws Exception {
        Result result = compile(declaration("A?  a\nB  b\nC?  c"));
        assertTrue(result.exit != 0 && result.output.contains("the copies of a declaration come one after the other"),
                result.output);
    }

    @Test
    void moreThanThirtyOneKeysInOneObjectStopTheBuild() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            lines.append("P").append(i).append("  k").append(i).append('\n');
        }
        Result result = compile(declaration(lines.toString().trim()));
        assertTrue(result.exit != 0 && result.output.contains("properties reads more than 31 keys"), result.output);
    }

    private static String declaration(String lines) {
        return "static final String THING = \"\"\"\n        from properties\n"
                + ("        " + lines.replace("\n", "\n        ")) + "\n        \"\"\";\n";
    }

    private record Result(int exit, String output) {
    }

    private Result compile(String body) throws IOException, InterruptedException {
        Path core = project.resolve("src/main/java/destination/klaviyo/core");
        Files.createDirectories(core);
        Files.writeString(core.resolve("Example.java"), "package destination.klaviyo.core;\n\nfinal class Example {\n"
                + body.indent(4) + "}\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), Path.of("src/build/RulesCompiler.java").toAbsolutePath().toString(),
                project.toString(), project.resolve("out").toString(), project.resolve("rules.md").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Result(process.waitFor(), output);
    }
}
