package destination.klaviyo.core;

/**
 * How a declared source is read (docs/rules.md), for the readings {@link Found} has no method for.
 * The code compiled from the declarations ({@code Rules}) calls these; a missing value is
 * {@link Values#NO_VALUE}.
 */
final class Reading {
    private Reading() {
    }

    /** An identifier that is not 0: the facade's {@code a || b} on ids. */
    static int known(Found found, int entry) {
        return found.truthy(entry) ? found.identifier(entry) : Values.NO_VALUE;
    }

    /** A non-empty string. */
    static int string(Found found, int entry) {
        return found.kind(entry) == Values.STRING ? found.ifTruthy(entry) : Values.NO_VALUE;
    }

    /** A string without the white space at its ends (the facade trims a name's parts). */
    static int clean(Values values, Found found, int entry) {
        return found.kind(entry) == Values.STRING ? values.trim(found.value(entry)) : Values.NO_VALUE;
    }

    /** The facade's firstName() from a name: what comes before the first space of the trimmed string. */
    static int before(Values values, Found found, int entry) {
        return found.kind(entry) == Values.STRING
                ? values.ofString(values.replace(" [\\s\\S]*", values.text(values.trim(found.value(entry))), ""))
                : Values.NO_VALUE;
    }

    /** The facade's lastName() from a name: what follows its first space and the spaces after it; none without one. */
    static int after(Values values, Found found, int entry) {
        if (found.kind(entry) != Values.STRING) {
            return Values.NO_VALUE;
        }
        String name = values.text(values.trim(found.value(entry)));
        String rest = values.replace("^[^ ]* \\s*", name, "");
        return rest.equals(name) ? Values.NO_VALUE : values.ofString(rest);
    }

    /** An array. */
    static int array(Found found, int entry) {
        return found.kind(entry) == Values.ARRAY ? found.value(entry) : Values.NO_VALUE;
    }

    /** The first element of an array, unless it is undefined or null. */
    static int first(Values values, Found found, int entry) {
        int first = found.kind(entry) == Values.ARRAY ? values.at(found.value(entry), 0) : Values.NO_VALUE;
        int kind = values.kind(first);
        return kind == Values.UNDEFINED || kind == Values.NULL ? Values.NO_VALUE : first;
    }

    /** A truthy value JSON has a form for, else 1: a product's quantity. */
    static int quantity(Values values, Found found, int entry) {
        return found.truthy(entry) && found.present(entry) != Values.NO_VALUE ? found.value(entry) : values.ofNumber(1);
    }

    /** A given value that looks like an email address ({@link Identify#EMAIL_PATTERN}). */
    static int email(Values values, int value) {
        return value != Values.NO_VALUE && values.test(Identify.EMAIL_PATTERN, value) ? value : Values.NO_VALUE;
    }

    /** A given value that is a non-empty string. */
    static int string(Values values, int value) {
        return value != Values.NO_VALUE && values.kind(value) == Values.STRING && !values.text(value).isEmpty() ? value
                : Values.NO_VALUE;
    }

    /**
     * Leaves out each of {@code count} copies, from {@code m[from]} on, whose name the object has as a
     * property of its own ({@code own}: those names, exact, in the same order): looked up once, only
     * when a copy has a value.
     */
    static void unlessOwn(Values values, int[] m, int from, int count, KeyList own, int object) {
        Found found = null;
        for (int i = 0; i < count; i++) {
            if (m[from + i] != Values.NO_VALUE) {
                found = found != null ? found : own.in(values, object);
                m[from + i] = found.kind(i) == Values.UNDEFINED ? m[from + i] : Values.NO_VALUE;
            }
        }
    }
}
