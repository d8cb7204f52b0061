package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Outside the compiled rules, a class reads what it looked up by the name of each entry: an interface
 * beside the key list holds the list ({@code KEYS}) and an int constant per key, named after it
 * ({@code =apiKey} is {@code API_KEY}, {@code =$phone_number} is {@code PHONE_NUMBER}). Each constant
 * must be its key's entry, and each key must have one, so that no read depends on the order of another.
 */
class ReadsByNameTest {
    @Test
    void eachEntryConstantIsTheEntryOfTheKeyItNames() throws IOException, ReflectiveOperationException {
        List<String> lists = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/destination/klaviyo/core"))) {
            for (Path file : files.sorted().toList()) {
                Class<?> owner = Class.forName("destination.klaviyo.core." + file.getFileName().toString().replace(".java", ""));
                for (Class<?> list : owner.getDeclaredClasses()) {
                    if (list.isInterface() && has(list, "KEYS")) {
                        check(list);
                        lists.add(owner.getSimpleName() + "." + list.getSimpleName());
                    }
                }
            }
        }
        assertTrue(lists.containsAll(List.of("Settings.Setting", "Message.Field", "Consent.Setting", "Consent.Field",
                "SegmentsKlaviyo.Setting", "SegmentsKlaviyo.Load", "FormEvent.Detail", "FormEvent.MetaData",
                "Subscription.Option")), lists.toString());
    }

    private static void check(Class<?> list) throws ReflectiveOperationException {
        Field keysField = list.getDeclaredField("KEYS");
        keysField.setAccessible(true);
        String[] keys = ((String) keysField.get(null)).split(" ");
        boolean[] named = new boolean[keys.length];
        for (Field entry : list.getDeclaredFields()) {
            if (entry.getType() != int.class || !Modifier.isStatic(entry.getModifiers())) {
                continue;
            }
            entry.setAccessible(true);
            int at = entry.getInt(null);
            String where = list.getEnclosingClass().getSimpleName() + "." + list.getSimpleName() + "." + entry.getName();
            assertTrue(at >= 0 && at < keys.length, where + " = " + at + ", past the " + keys.length + " keys of " + List.of(keys));
            assertEquals(normal(entry.getName()), normal(keys[at]), where + " = " + at + ", the entry of " + keys[at]);
            named[at] = true;
        }
        for (int i = 0; i < keys.length; i++) {
            assertTrue(named[i], list.getName() + " has no constant for " + keys[i]);
        }
    }

    private static boolean has(Class<?> type, String field) {
        return Stream.of(type.getDeclaredFields()).anyMatch(f -> f.getName().equals(field));
    }

    /** A key or a constant's name, without case, =, $ and _: API_KEY and =apiKey are apikey. */
    private static String normal(String name) {
        return name.replaceAll("[=$_]", "").toLowerCase();
    }
}
