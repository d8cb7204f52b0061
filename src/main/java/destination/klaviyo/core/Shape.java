package destination.klaviyo.core;

/**
 * A Klaviyo object declared as data, and the engine that makes it: one lookup of the source object
 * ({@link Vocabulary}), each property read as declared, the keys that gave a value consumed, and the
 * rest of the object copied as plain JSON when asked. The facade's rules (keys matched ignoring case
 * and punctuation, a missing or null value skipped) live here, once.
 *
 * <p>A declaration is a list of properties separated by spaces, each {@code Name=reading:key,key...}:
 * the Klaviyo name, then the keys its value comes from in order of preference. {@code given} among the
 * keys is the caller's value, at that place in the order. The reading is one of
 * <ul>
 *   <li>(none) an identifier: a non-empty string or a finite number;</li>
 *   <li>{@code any}: any value JSON has a form for, but null;</li>
 *   <li>{@code money}: the facade's currency(), a finite number or a string such as "$12.50" (12.5);</li>
 *   <li>{@code list}: an identifier as a list of one; an empty list without one;</li>
 *   <li>{@code quantity}: a positive amount; 1 without one;</li>
 *   <li>{@code revenue}: as track's revenue becomes $value, a non-zero amount of which only the exact
 *       key {@code revenue} is consumed;</li>
 *   <li>{@code dropped}: no value; the keys are left out of the rest whenever present (a property
 *       named {@code -}).</li>
 * </ul>
 * For example {@code "ProductID=productid,id Price=money:price Items=given"}.
 */
final class Shape {
    private static final int IDENTIFIER = 0;
    private static final int MONEY = 1;
    private static final int LIST = 2;
    private static final int QUANTITY = 3;
    private static final int REVENUE = 4;
    private static final int DROPPED = 5;
    private static final int ANY = 6;
    /** A key's place taken by the caller's value. */
    private static final int GIVEN = -1;

    private final Values values;
    private final KeyList out;
    private final int[] readings;
    /** For each property, the entries of its keys in the vocabulary, or {@link #GIVEN}. */
    private final int[][] entries;
    /** For each property, the entry of the exact key revenue, which a REVENUE reading consumes. */
    private final int[] exact;

    /** Declares a shape: its keys join the vocabulary of the object it reads. */
    Shape(Values values, Vocabulary vocabulary, String declaration) {
        this.values = values;
        String[] properties = split(declaration, ' ');
        readings = new int[properties.length];
        entries = new int[properties.length][];
        exact = new int[properties.length];
        String names = "";
        for (int i = 0; i < properties.length; i++) {
            String property = properties[i];
            int equals = property.indexOf('=');
            int colon = property.indexOf(':');
            // Readings differ in their first letter.
            char reading = colon < 0 ? ' ' : property.charAt(equals + 1);
            readings[i] = reading == 'm' ? MONEY : reading == 'l' ? LIST : reading == 'q' ? QUANTITY
                    : reading == 'r' ? REVENUE : reading == 'd' ? DROPPED : reading == 'a' ? ANY : IDENTIFIER;
            String[] keys = split(property.substring(colon < 0 ? equals + 1 : colon + 1), ',');
            entries[i] = new int[keys.length];
            for (int k = 0; k < keys.length; k++) {
                entries[i][k] = keys[k].equals("given") ? GIVEN : vocabulary.key(keys[k]);
            }
            exact[i] = readings[i] == REVENUE ? vocabulary.key("=revenue") : 0;
            names += (i == 0 ? "" : " ") + property.substring(0, equals);
        }
        out = new KeyList(values, names);
    }

    /**
     * The Klaviyo object for a lookup ({@link Vocabulary#read}) of the source: the declared properties,
     * after the source's other keys when {@code rest} is true. {@code given} holds the caller's values,
     * in the order the declaration names them ({@link Values#NO_VALUE}: none).
     */
    int make(Found source, boolean rest, int... given) {
        int[] made = out.values();
        int consumed = 0;
        int g = 0;
        for (int i = 0; i < entries.length; i++) {
            int reading = readings[i];
            int value = Values.NO_VALUE;
            for (int entry : entries[i]) {
                int v = entry == GIVEN ? given[g++] : value != Values.NO_VALUE ? Values.NO_VALUE : read(source, entry, reading);
                if (value == Values.NO_VALUE && v != Values.NO_VALUE) {
                    value = v;
                    consumed |= entry == GIVEN ? 0 : KeyList.bit(reading == REVENUE ? exact[i] : entry);
                }
                if (reading == DROPPED && entry != GIVEN && source.kind(entry) != Values.UNDEFINED) {
                    consumed |= KeyList.bit(entry);
                }
            }
            if (value == Values.NO_VALUE && (reading == LIST || reading == QUANTITY)) {
                value = reading == LIST ? values.listOf(Values.NO_VALUE) : values.ofNumber(1);
            }
            made[i] = value;
        }
        return out.build(values, rest ? source.record() : Values.NO_VALUE, consumed, made);
    }

    private int read(Found source, int entry, int reading) {
        if (reading == IDENTIFIER || reading == LIST) {
            int value = source.identifier(entry);
            return reading == LIST && value != Values.NO_VALUE ? values.listOf(value) : value;
        }
        if (reading == ANY) {
            return source.present(entry);
        }
        if (reading == REVENUE) {
            return Revenue.amount(values, source, entry);
        }
        double amount = reading == DROPPED ? Double.NaN : Revenue.number(values, source, entry);
        return amount == amount && (reading == MONEY || amount > 0) ? values.ofNumber(amount) : Values.NO_VALUE;
    }

    /** The parts of a declaration between separators. */
    private static String[] split(String text, char separator) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            count += text.charAt(i) == separator ? 1 : 0;
        }
        String[] parts = new String[count];
        int start = 0;
        for (int p = 0; p < count; p++) {
            int end = text.indexOf(separator, start);
            end = end < 0 ? text.length() : end;
            parts[p] = text.substring(start, end);
            start = end + 1;
        }
        return parts;
    }
}
