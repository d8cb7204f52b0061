package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The numbers the JavaScript shell shares with Java (the kinds of values, the port's limits, the
 * outcomes of a list subscription's answer) have one home, the Java constant: the shell names it
 * ({@code Values.OBJECT}, {@code SubscriptionPolicy.DONE}) and the build writes the number in
 * (src/build/bundle.mjs, which lists what it wrote in target/shell-numbers.json). These fail when a
 * number the shipped shell holds differs from the compiled Java constant, or when the shell spells
 * one of them as a bare number again.
 */
class SharedNumbersTest {
    private static final Path SHELL = Path.of("src/main/js");
    private static final Pattern NAME = Pattern.compile("\\b(Values|SubscriptionPolicy)\\.([A-Z][A-Z0-9_]*)\\b");

    @Test
    void eachNumberTheBuildWroteIntoTheShellIsItsJavaConstant() throws Exception {
        JsonNode written = new ObjectMapper().readTree(HostPage.TARGET.resolve("shell-numbers.json").toFile());
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(SHELL)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = NAME.matcher(Files.readString(file));
                while (name.find()) {
                    names.add(name.group());
                }
            }
        }
        assertTrue(names.contains("Values.OBJECT") && names.contains("SubscriptionPolicy.DONE"), names.toString());
        for (String name : names) {
            assertTrue(written.has(name), name + " was not written into the shell: " + written);
            double java = java(name);
            assertEquals(java, written.get(name).asDouble(), name + ": the shell has " + written.get(name) + ", Java " + java);
        }
        written.fieldNames().forEachRemaining(name -> assertTrue(names.contains(name), name));
    }

    @Test
    void theShippedFilesNameNoJavaConstant() throws IOException {
        for (String file : new String[] {"dist/klaviyo.js", "dist/klaviyo.dynamic.js", "npm/klaviyo.mjs", "npm/klaviyo.cjs"}) {
            String code = Files.readString(HostPage.TARGET.resolve(file));
            assertFalse(NAME.matcher(code.substring(0, code.lastIndexOf("//# sourceMappingURL"))).find(), file);
        }
    }

    /**
     * The places that held these numbers as digits: a kind compared or returned in port.js, an outcome
     * compared in subscriptions.js (its waits are numbers of their own, 0 and up).
     */
    @Test
    void theShellSpellsNoSharedNumberAsDigits() throws IOException {
        String port = code(SHELL.resolve("port.js"));
        Matcher kind = Pattern.compile("(?:\\bkind|\\bk|portKind\\([^)]*\\))\\s*[!=]=\\s*\\d|return [^;]*\\? \\d\\b|v \\? \\d")
                .matcher(port);
        assertFalse(kind.find(), () -> "port.js writes a kind as digits: " + kind.group());
        String subscriptions = code(SHELL.resolve("subscriptions.js"));
        Matcher outcome = Pattern.compile("next\\s*(?:[!=]=|<|>)\\s*-?[1-9]|[=<>(,]\\s*-\\d").matcher(subscriptions);
        assertFalse(outcome.find(), () -> "subscriptions.js writes an outcome as digits: " + outcome.group());
    }

    /**
     * The port's table keeps handle 0 for no value, and the shell tests a handle, a record or a kind
     * for "none" by JavaScript's truthiness (`if (h)`, `r ? ... : null`): that holds only while Java's
     * no value and undefined kind are 0.
     */
    @Test
    void noValueAndTheUndefinedKindAreZeroAsTheShellsTruthinessAssumes() throws ReflectiveOperationException {
        assertEquals(0, java("Values.NO_VALUE"));
        assertEquals(0, java("Values.UNDEFINED"));
    }

    /** A shell file without its comments. */
    private static String code(Path file) throws IOException {
        return Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    /** The value of a constant of a core class, compiled: Values.OBJECT. */
    private static double java(String name) throws ReflectiveOperationException {
        int dot = name.indexOf('.');
        Field field = Class.forName("destination.klaviyo.core." + name.substring(0, dot)).getDeclaredField(name.substring(dot + 1));
        field.setAccessible(true);
        return ((Number) field.get(null)).doubleValue();
    }
}
