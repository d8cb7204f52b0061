package destination.klaviyo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules' compiler (src/build/RulesCompiler.java), on a project of one class: what it makes of a
 * declaration, and the declarations it refuses, each error naming the class, the constant and the line.
 * It runs in this JVM, but once as the build runs it. The rules it compiles for
 * the destination are tested through their commands (MappingCasesTest and the rest).
 */
class RulesCompilerTest {
    /** Where the core's classes are, as the compiler's errors name their files. */
    private static final String CORE = "src/main/java/destination/klaviyo/core/";

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

    /**
     * Each mistake the compiler refuses, in a declaration THING of a class Example: the lines after
     * {@code from properties}, the line the error names (1 is {@code from}) and what it says.
     */
    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a misspelled keyword", "Name  name\nrequre Name", 3, "requre is no keyword (require?)"),
                refusal("a keyword with a capital", "Name  name\nRest", 3, "Rest is no keyword (rest?)"),
                refusal("an unknown reading", "Name  name:fancy", 2, "no reading fancy"),
                refusal("a reading with no name", "Name  name:", 2, "no reading "),
                refusal("a given value read otherwise than as an email", "given name\nName  @name:clean", 3,
                        "a given value is read as it is, or as an email"),
                refusal("a reading after given sources", "given name\nName  @name | title  >clean", 3,
                        "a reading after the sources reads keys of the object, not given values"),
                refusal("a required property that does not exist", "Name  name\nrequire Title", 3,
                        "no property Title in Example.THING"),
                refusal("a kept property that does not exist", "Name  name\nkeep Title", 3,
                        "no property Title in Example.THING"),
                refusal("copies apart", "A?  a\nB  b\nC?  c", 4, "the copies of a declaration come one after the other"),
                refusal("a second from", "Name  name\nfrom traits", 3, "from comes first, once"),
                refusal("from without its object", "Name  name\nfrom", 3, "from comes first, once"),
                refusal("a use of no block", "Name  name\nuse NOTHING_HERE", 3, "Example has no text block NOTHING_HERE"),
                refusal("a use of a declaration", "Name  name\nuse THING", 3,
                        "THING is a declaration: use brings in the lines of a block without from"),
                refusal("rest with words after it", "Name  name\nrest name", 3, "the form is: rest, alone"),
                refusal("make other than nothing", "Name  name\nmake something", 3, "make nothing, alone, is the only make"),
                refusal("a drop of nothing", "Name  name\ndrop", 3, "drop names one key at least"),
                refusal("a require of nothing", "given flag\nName  name\nrequire  when flag", 4,
                        "require names one property at least"),
                refusal("a keep with a condition", "Name  name\nkeep Name when flag", 3, "when ends a line: when <flag>"),
                refusal("a property without sources", "Name", 2, "a property names its sources after its name"),
                refusal("a source missing after |", "Name  name |", 2, "a source after |"),
                refusal("two sources without |", "Name  name title", 2, "unexpected title"),
                refusal("a condition without its flag", "Name  name  when", 2, "unexpected when"),
                refusal("a word after the keys taken", "Name  name  -=name  extra", 2, "unexpected extra"),
                refusal("a name that is no property name", "Na-me  name", 2, "no property name Na-me"),
                refusal("a property declared twice", "Name  name\nName  title", 3, "the property Name is declared twice"),
                refusal("a key that is none", "Name  a.b.c", 2, "no key a.b.c"),
                refusal("a flag that is no Java name", "Name  name  when 1st", 2, "a flag is a Java name: 1st"),
                refusal("a given value not in the given line", "Name  name | @email", 2,
                        "@email is not given: name it in the line after from (given ... email)"),
                refusal("a flag not in the given line", "Name  name  when flag", 2,
                        "the flag flag is not given: name it in the line after from (given ... flag)"),
                refusal("a given name never read", "given email userId\nName  name | @email", 2,
                        "userId is given but never read: no @userId, no when or unless userId"),
                refusal("a given name read as a flag and as a value", "given email\nName  @email  when email", 2,
                        "email is given as a flag (when, unless) and as a value (@email): it is one or the other"),
                refusal("a given line after a property", "Name  name\ngiven email", 3, "given comes right after from, once"),
                refusal("a given line twice", "given email\ngiven userId\nName  @email | @userId", 3,
                        "given comes right after from, once"),
                refusal("a given line of no names", "given\nName  name", 2,
                        "given names the values the rule's Java passes, in the order of the method's parameters"),
                refusal("a given name twice", "given email email\nName  @email", 2, "email is given twice"),
                refusal("a given name that is no Java name", "given e-mail\nName  name", 2, "a given name is a Java name: e-mail"),
                refusal("a misspelled given", "gven email\nName  @email", 2, "gven is no keyword (given?)"),
                refusal("more than thirty-one keys in one object", thirtyTwoKeys(), 33,
                        "properties reads more than 31 keys, with k31"));
    }

    private static Arguments refusal(String mistake, String lines, int line, String says) {
        return Arguments.of(mistake, lines, line, says);
    }

    private static String thirtyTwoKeys() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            lines.append("P").append(i).append("  k").append(i).append('\n');
        }
        return lines.toString().trim();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aMistakeStopsTheBuildNamingItsClassConstantAndLine(String mistake, String lines, int line, String says)
            throws Exception {
        Result result = compile(declaration(lines));
        // The text block's first line (from) is line 5 of Example.java.
        assertRefused(result, CORE + "Example.java:" + (line + 4) + ": Example.THING, line "
                + line + ": ", says);
    }

    @Test
    void aMistakeInABlockThatUseBringsInNamesThatBlock() throws Exception {
        Result result = compile(declaration("Name  name\nuse KEYS") + "static final String KEYS = \"\"\"\n        drop\n        \"\"\";\n");
        assertRefused(result, CORE + "Example.java:10: Example.KEYS, line 1: ", "drop names one key at least");
    }

    @Test
    void aMistypedFromIsRefusedRatherThanSkipped() throws Exception {
        Result result = compile("static final String THING = \"\"\"\n        frm properties\n        Name  name\n        \"\"\";\n");
        assertRefused(result, CORE + "Example.java:5: Example.THING, line 1: ", "frm is no keyword: a declaration starts with from");
    }

    @Test
    void aBlockUsedByDeclarationsOfDifferentObjectsIsRefused() throws Exception {
        Result result = compile(declaration("Name  name\nuse SHARED")
                + "static final String OTHER = \"\"\"\n        from traits\n        use SHARED\n        \"\"\";\n"
                + "static final String SHARED = \"\"\"\n        Title  title\n        \"\"\";\n");
        assertRefused(result, CORE + "Example.java:11: Example.OTHER, line 2: ",
                "SHARED is used by declarations that read different objects (Example.THING reads the properties)");
    }

    /** The copy of a declaration of the destination, from its class, with a mistake made on purpose. */
    @Test
    void aMisspelledKeywordInGroupsOrganizationNamesItsLine() throws Exception {
        String group = Files.readString(Path.of("src/main/java/destination/klaviyo/core/Group.java"));
        assertTrue(group.contains("        require $organization\n"), group);
        Result result = compileAsTheBuild("Group", group.replace("        require $organization\n", "        requre $organization\n"));
        int line = lineOf(group, "        require $organization\n");
        assertRefused(result, CORE + "Group.java:" + line + ": Group.ORGANIZATION, line 3: ",
                "requre is no keyword (require?)");
    }

    /**
     * The compiled method's parameters are the given line's, in its order, whatever the order of the
     * sources: a copy of Identify.PROFILE with its two given sources swapped has the same signature.
     */
    @Test
    void reorderingSourcesNeverChangesASignature() throws Exception {
        String identify = Files.readString(Path.of("src/main/java/destination/klaviyo/core/Identify.java"));
        String sources = "email:known | @email | @userId:email";
        assertTrue(identify.contains(sources), identify);
        String signature = "int identifyProfile(Found f, int object, boolean enforceEmail, int email, int userId) {";
        for (String copy : new String[] {identify, identify.replace(sources, "email:known | @userId:email | @email")}) {
            assertEquals(0, compileClass("Identify", copy).exit);
            String java = Files.readString(project.resolve("out/destination/klaviyo/core/Rules.java"));
            assertTrue(java.contains(signature), java);
        }
        // The given line's order is the parameters' order.
        assertEquals(0, compileClass("Identify", identify.replace("given enforceEmail email userId",
                "given userId email enforceEmail")).exit);
        assertTrue(Files.readString(project.resolve("out/destination/klaviyo/core/Rules.java"))
                .contains("int identifyProfile(Found f, int object, int userId, int email, boolean enforceEmail) {"));
    }

    private static int lineOf(String text, String part) {
        return 1 + (int) text.substring(0, text.indexOf(part)).chars().filter(c -> c == '\n').count();
    }

    private static void assertRefused(Result result, String where, String says) {
        assertTrue(result.exit != 0, result.output);
        assertTrue(result.output.startsWith("error: " + where + says), "expected error: " + where + says + "..., got:\n"
                + result.output);
    }

    private static String declaration(String lines) {
        return "static final String THING = \"\"\"\n        from properties\n"
                + ("        " + lines.replace("\n", "\n        ")) + "\n        \"\"\";\n";
    }

    private record Result(int exit, String output) {
    }

    private Result compile(String body) throws Exception {
        return compileClass("Example", "package destination.klaviyo.core;\n\nfinal class Example {\n" + body.indent(4) + "}\n");
    }

    /** The compiler, compiled once for the class's tests, run in this JVM: as fast as the build's run is slow. */
    private static Method compiler;

    @BeforeAll
    static void compileTheCompiler(@TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-d", classes.toString(), "src/build/RulesCompiler.java");
        assertEquals(0, exit, "javac src/build/RulesCompiler.java");
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, RulesCompilerTest.class.getClassLoader());
        compiler = loader.loadClass("RulesCompiler").getDeclaredMethod("compile", String[].class);
        compiler.setAccessible(true);
    }

    /** Runs the compiler on a project of one class of the core; its error as the build prints it. */
    private Result compileClass(String name, String source) throws Exception {
        Path core = project.resolve("src/main/java/destination/klaviyo/core");
        Files.createDirectories(core);
        Files.writeString(core.resolve(name + ".java"), source);
        try {
            compiler.invoke(null, (Object) new String[] {project.toString(), project.resolve("out").toString(),
                    project.resolve("rules.md").toString()});
            return new Result(0, "");
        } catch (InvocationTargetException e) {
            if (!e.getCause().getClass().getSimpleName().equals("RuleError")) {
                throw e;
            }
            return new Result(1, "error: " + e.getCause().getMessage());
        }
    }

    /** Runs the compiler as the build does: its own process, which exits with 1 after an error. */
    private Result compileAsTheBuild(String name, String source) throws IOException, InterruptedException {
        Path core = project.resolve("src/main/java/destination/klaviyo/core");
        Files.createDirectories(core);
        Files.writeString(core.resolve(name + ".java"), source);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), Path.of("src/build/RulesCompiler.java").toAbsolutePath().toString(),
                project.toString(), project.resolve("out").toString(), project.resolve("rules.md").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Result(process.waitFor(), output);
    }
}
