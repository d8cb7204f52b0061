package destination.klaviyo.core;

/**
 * A Klaviyo object declared as data, and the engine that makes it from an analytics.js object. The
 * facade's rules live here once: keys matched ignoring case and punctuation ({@link Vocabulary}), a
 * missing value skipped, the keys a property takes over removed from what is copied, the rest copied
 * as plain JSON. A rule never sees an index.
 *
 * <p>A declaration has one line per Klaviyo property, in the order Klaviyo gets them:
 * <pre>
 *   $first_name   firstName:clean | name:before   -=firstName
 * </pre>
 * The property's name, then where its value comes from, in order of preference: the first source
 * that gives a value wins. A source is a key of the object read ({@code key}: found as the facade
 * finds it; {@code =key}: that exact key; {@code a.b}: key b of the object at key a) or a value the
 * rule gives ({@code @name}, given to {@link #make} in the order the names first appear), read as its
 * {@code :reading} says (with none, the value as it is, when there is one):
 * <ul>
 *   <li>{@code present}: a value JSON has a form for, not null; {@code truthy}: a value JavaScript
 *       counts as true;</li>
 *   <li>{@code id}: an identifier, a non-empty string or a finite number; {@code known}: one that is
 *       not 0 (the facade's {@code a || b}); {@code string}: a non-empty string;</li>
 *   <li>{@code clean}: a string without the white space at its ends; {@code before}, {@code after}:
 *       what comes before and after the first space of a clean string, as the facade splits a name
 *       (after: none without a space);</li>
 *   <li>{@code first}: the first element of an array, when it is not null;</li>
 *   <li>{@code money}: the facade's currency(), a number but 0 or a string such as "$12.50" (12.5);</li>
 *   <li>{@code email}: a given value that looks like an email address ({@link Identify#EMAIL_PATTERN});</li>
 *   <li>{@code list}: a present value as a list of one, an empty list without one;
 *       {@code quantity}: a truthy present value, else 1.</li>
 * </ul>
 * After the sources, {@code >reading} reads the value the first of them gave, as JavaScript's
 * {@code (a || b)} then a conversion ({@code revenue:truthy | total >money}: a truthy revenue, else
 * the total, read as money); {@code -key} names a key of the object that is left out of the copy when
 * the property gets a value. A name ending in {@code ?} makes a copy that never replaces a property of
 * that name the object has itself. Three lines are not properties: {@code drop key...} leaves keys out
 * of the copy whatever they hold; {@code require name...}: the object is made only when one of these
 * properties has a value; {@code rest}: the object's other keys come first, copied as plain JSON.
 * A reading is known by its first letter.
 */
final class Declaration {
    private final Values values;
    private final Vocabulary vocabulary;
    /** The properties' names. */
    private final String[] names;
    private final KeyList out;
    /** The names of the copies, as exact keys of the object read: what it has itself. */
    private final Vocabulary own = new Vocabulary();
    /**
     * For each property: 1 + the entry of its name in {@link #own} for a copy (else 0), its reading
     * after the sources (0: none), the keys it takes over (a mask of entries), its number of sources,
     * then each source's entry (a given value: -1 - its number) and reading (0: none).
     */
    private final int[] program;
    private final String[] given = new String[8];
    private int drop;
    private int require;
    private boolean rest;
    /** The values of the last object made, by property. */
    private int[] made;

    Declaration(Values values, Vocabulary vocabulary, String declaration) {
        this.values = values;
        this.vocabulary = vocabulary;
        program = new int[declaration.length()];
        String[] lines = words(declaration, '\n');
        names = new String[lines.length];
        String list = "";
        int count = 0;
        int p = 0;
        for (String line : lines) {
            String[] words = words(line, ' ');
            String name = words[0];
            for (int w = 1; w < words.length && (name.equals("drop") || name.equals("require")); w++) {
                if (name.equals("drop")) {
                    drop |= KeyList.bit(vocabulary.key(words[w]));
                } else {
                    require |= KeyList.bit(index(words[w]));
                }
            }
            rest |= name.equals("rest");
            if (name.equals("rest") || name.equals("drop") || name.equals("require")) {
                continue;
            }
            boolean copy = name.charAt(name.length() - 1) == '?';
            name = copy ? name.substring(0, name.length() - 1) : name;
            names[count++] = name;
            list = list.isEmpty() ? name : list.concat(" ").concat(name);
            int start = p;
            program[p++] = copy ? 1 + own.key("=".concat(name)) : 0;
            p += 3;
            for (int w = 1; w < words.length; w++) {
                String word = words[w];
                char first = word.charAt(0);
                if (first == '>') {
                    program[start + 1] = word.charAt(1);
                } else if (first == '-') {
                    program[start + 2] |= KeyList.bit(vocabulary.key(word.substring(1)));
                } else if (first != '|') {
                    int colon = word.indexOf(':');
                    String key = colon < 0 ? word : word.substring(0, colon);
                    program[p++] = first == '@' ? -1 - given(key.substring(1)) : vocabulary.key(key);
                    program[p++] = colon < 0 ? 0 : word.charAt(colon + 1);
                    program[start + 3]++;
                }
            }
        }
        out = new KeyList(values, list);
        own.seal(values);
    }

    /**
     * Makes the object from {@code object}, looked up in one step with everything its vocabulary's
     * declarations read, and the given values: {@link Values#NO_VALUE} when no required property has
     * a value.
     */
    int make(int object, int... given) {
        return make(vocabulary.read(values, object), object, given);
    }

    /** Makes the object from a lookup already made of {@code object} (see {@link #make(int, int...)}). */
    int make(Found found, int object, int... given) {
        int[] made = out.values();
        int consumed = fill(found, object, given, made);
        if (consumed < 0) {
            // Nothing is made; the values lent are given back.
            out.giveBack(made);
            return Values.NO_VALUE;
        }
        return out.build(values, rest ? found.record() : Values.NO_VALUE, consumed, made);
    }

    /** Reads the properties of a lookup without making an object: for {@link #got}. */
    void evaluate(Found found) {
        int[] made = out.values();
        fill(found, Values.NO_VALUE, null, made);
        out.giveBack(made);
    }

    /** The value the last object made or evaluated has for a property, or {@link Values#NO_VALUE}. */
    int got(String property) {
        return made[index(property)];
    }

    /**
     * Reads each property's value into {@code made}; returns the keys of the object taken over (a mask
     * of entries), or -1 when no required property has a value.
     */
    private int fill(Found found, int object, int[] given, int[] made) {
        this.made = made;
        int consumed = drop;
        boolean required = require == 0;
        Found[] children = null;
        Found ownKeys = null;
        int p = 0;
        for (int i = 0; i < made.length; i++) {
            int copy = program[p++];
            int then = program[p++];
            int takes = program[p++];
            int value = Values.NO_VALUE;
            Found chosen = null;
            int entry = 0;
            for (int end = p + 1 + 2 * program[p++]; p < end; p += 2) {
                int source = program[p];
                if (value != Values.NO_VALUE) {
                    continue;
                }
                if (source < 0) {
                    value = readGiven(given[-1 - source], program[p + 1]);
                    continue;
                }
                chosen = found;
                entry = source;
                if (source >= Vocabulary.NESTED) {
                    // A key of the object at another key: that object is looked up once, when first read.
                    int parent = source / Vocabulary.NESTED - 1;
                    entry = source % Vocabulary.NESTED;
                    chosen = null;
                    if (found.kind(parent) != Values.OBJECT) {
                        continue;
                    }
                    children = children != null ? children : new Found[Vocabulary.NESTED];
                    if (children[parent] == null) {
                        children[parent] = vocabulary.child(parent).read(values, found.value(parent));
                    }
                    chosen = children[parent];
                }
                value = read(chosen, entry, program[p + 1]);
            }
            if (then != 0) {
                value = read(value == Values.NO_VALUE ? null : chosen, entry, then);
            }
            if (value != Values.NO_VALUE && copy != 0) {
                ownKeys = ownKeys != null ? ownKeys : own.read(values, object);
                // A property of that name the object has itself stays as it is.
                value = ownKeys.kind(copy - 1) == Values.UNDEFINED ? value : Values.NO_VALUE;
            }
            if (value != Values.NO_VALUE) {
                consumed |= takes;
                required |= (require & KeyList.bit(i)) != 0;
            }
            made[i] = value;
        }
        return required ? consumed : -1;
    }

    /** A source's value as the reading (its first letter; 0: as it is) reads it; {@code in} null: no source. */
    private int read(Found in, int entry, int reading) {
        if (in == null) {
            return reading == 'l' ? values.listOf(Values.NO_VALUE)
                    : reading == 'q' ? values.ofNumber(1) : Values.NO_VALUE;
        }
        int kind = in.kind(entry);
        int value = in.value(entry);
        switch (reading) {
            case 'p':
                return in.present(entry);
            case 't':
                return in.ifTruthy(entry);
            case 'i':
                return in.identifier(entry);
            case 'k':
                return in.truthy(entry) ? in.identifier(entry) : Values.NO_VALUE;
            case 's':
                return kind == Values.STRING ? in.ifTruthy(entry) : Values.NO_VALUE;
            case 'c':
                return kind == Values.STRING ? values.trim(value) : Values.NO_VALUE;
            case 'b':
            case 'a':
                return kind == Values.STRING ? word(values.text(values.trim(value)), reading == 'b') : Values.NO_VALUE;
            case 'f':
                int first = kind == Values.ARRAY ? values.at(value, 0) : Values.NO_VALUE;
                int firstKind = values.kind(first);
                return firstKind == Values.UNDEFINED || firstKind == Values.NULL ? Values.NO_VALUE : first;
            case 'm':
                return Revenue.amount(values, in, entry);
            case 'l':
                return values.listOf(in.present(entry));
            case 'q':
                return in.truthy(entry) && in.present(entry) != Values.NO_VALUE ? value : values.ofNumber(1);
            default:
                return value;
        }
    }

    /** A given value, as it is, or when it is an email ({@code email}) or a non-empty string ({@code string}). */
    private int readGiven(int value, int reading) {
        if (value == Values.NO_VALUE || reading == 0) {
            return value;
        }
        boolean is = reading == 'e' ? values.test(Identify.EMAIL_PATTERN, value)
                : values.kind(value) == Values.STRING && !values.text(value).isEmpty();
        return is ? value : Values.NO_VALUE;
    }

    /**
     * The facade's firstName() and lastName() of a clean name: what comes before its first space, or
     * what follows that space and the white space after it (none when it has no space).
     */
    private int word(String name, boolean before) {
        if (before) {
            return values.ofString(values.replace(" [\\s\\S]*", name, ""));
        }
        String after = values.replace("^[^ ]* \\s*", name, "");
        return after.equals(name) ? Values.NO_VALUE : values.ofString(after);
    }

    private int index(String property) {
        int i = 0;
        while (!property.equals(names[i])) {
            i++;
        }
        return i;
    }

    private int given(String name) {
        int g = 0;
        while (given[g] != null && !given[g].equals(name)) {
            g++;
        }
        given[g] = name;
        return g;
    }

    /** The words of a text, separated by one character; empty ones (runs of it) left out. */
    private static String[] words(String text, char separator) {
        String[] words = new String[text.length() / 2 + 1];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                String word = text.substring(start, i);
                if (!word.isEmpty()) {
                    words[count++] = word;
                }
                start = i + 1;
            }
        }
        String[] exact = new String[count];
        for (int i = 0; i < count; i++) {
            exact[i] = words[i];
        }
        return exact;
    }
}
