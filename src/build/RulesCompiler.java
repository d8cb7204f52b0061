import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the Klaviyo rules, declared as text in the core's classes, into plain Java (the class
 * {@code Rules}) and into the tables of docs/mapping.md. Run by the build before the sources are
 * compiled (a single-file program: {@code java src/build/RulesCompiler.java <project> <out dir> <docs>});
 * nothing here ships. The declarations' language is documented in docs/rules.md.
 *
 * <p>Why compile rather than interpret: the bundle is downloaded on every page view. An interpreter
 * and the declarations' text cost about 1,700 bytes gzipped and a third of the time of a call; the
 * code compiled from them is what a person would write by hand.
 */
public final class RulesCompiler {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:/\\*\\*((?:(?!\\*/).)*)\\*/\\s*)?(?:private )?static final String (\\w+) = \"\"\"\\n(.*?)\"\"\";",
            Pattern.DOTALL);
    /** How the docs say each reading. */
    private static final Map<String, String> SAID = Map.ofEntries(Map.entry("present", "when present"),
            Map.entry("truthy", "when truthy"), Map.entry("id", "an id"), Map.entry("known", "an id but 0"),
            Map.entry("string", "a non-empty string"), Map.entry("clean", "trimmed"), Map.entry("before", "its first word"),
            Map.entry("after", "the words after its first"), Map.entry("first", "its first element"),
            Map.entry("money", "an amount"), Map.entry("list", "as a list"), Map.entry("quantity", "else 1"),
            Map.entry("email", "when an email"), Map.entry("array", "an array"),
            Map.entry("amount", "an amount, 0 included"), Map.entry("count", "a positive amount"),
            Map.entry("idlist", "an id as a list"));
    private static final List<String> READINGS = List.of("present", "truthy", "id", "known", "string", "clean",
            "before", "after", "first", "money", "list", "quantity", "email", "array", "amount", "count", "idlist");

    /** One object read: the keys all its declarations find in it, and the objects at some of them. */
    static final class Lookup {
        final String name;
        final List<String> keys = new ArrayList<>();
        final Map<String, Lookup> children = new LinkedHashMap<>();

        Lookup(String name) {
            this.name = name;
        }

        int key(String key, Line at) {
            int i = keys.indexOf(key);
            if (i < 0) {
                keys.add(key);
                i = keys.size() - 1;
            }
            if (keys.size() > 31) {
                throw at.error(name + " reads more than 31 keys, with " + key + " (the declarations reading it share one lookup)");
            }
            return i;
        }
    }

    /** A source, and the keys it takes over when it is the one that gives the value ({@code ~key}). */
    record Source(String key, String reading, List<String> takes) {
    }

    record Property(String name, boolean copy, List<Source> sources, String then, List<String> takes, String block,
            String when, Line at) {
    }

    /** A drop or require line: its names, and when it applies (a flag, "!flag", or null: always). */
    record Names(List<String> names, String when, Line at) {
    }

    /** A mistake in a declaration: the message names the file, the class, the constant and the line. */
    static final class RuleError extends RuntimeException {
        RuleError(String message) {
            super(message);
        }
    }

    /**
     * A line of a declaration, and where it is: its class's file, the constant whose text block holds it
     * (a block that {@code use} brings in is named as itself), its number in that text block (1 the first)
     * and in the file. {@code used}: the block {@code use} brought it in from, or null.
     */
    record Line(String file, String owner, String constant, int number, int fileLine, String text, String used) {
        String[] words() {
            String t = text.trim();
            return t.isEmpty() ? new String[0] : t.split("\\s+");
        }

        /** An error that names this line: {@code Group.java:17: Group.ORGANIZATION, line 3: message}, then the line. */
        RuleError error(String message) {
            return new RuleError(file + ":" + fileLine + ": " + owner + "." + constant + ", line " + number + ": " + message
                    + "\n    " + text.strip());
        }
    }

    static final class Declaration {
        final String owner;
        final String constant;
        final String method;
        String from;
        final List<Property> properties = new ArrayList<>();
        final List<Names> drops = new ArrayList<>();
        final List<Names> requires = new ArrayList<>();
        /** The given names read as flags (when, unless). */
        final List<String> flags = new ArrayList<>();
        /** The given names read as values (@name). */
        final List<String> values = new ArrayList<>();
        /** The given line, or null. */
        Line givenLine;
        final List<String> keep = new ArrayList<>();
        /** The use lines, by the block they bring in. */
        final Map<String, Line> uses = new LinkedHashMap<>();
        /** The keep lines, checked once every property is read. */
        final List<Line> keepLines = new ArrayList<>();
        /** What the rule's Java passes, flags and values, in the order of the compiled method's parameters. */
        final List<String> given = new ArrayList<>();
        boolean rest;
        boolean makesNothing;
        String doc = "";

        Declaration(String owner, String constant) {
            this.owner = owner;
            this.constant = constant;
            this.method = camel(owner) + camelUpper(constant);
        }
    }

    public static void main(String[] args) throws IOException {
        try {
            compile(args);
        } catch (RuleError e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The text blocks of one class, by constant: their text, their javadoc, the file line of their first line. */
    static final class Blocks {
        final String file;
        final String owner;
        final Map<String, String> texts = new LinkedHashMap<>();
        final Map<String, String> docs = new LinkedHashMap<>();
        final Map<String, Integer> starts = new LinkedHashMap<>();

        Blocks(String file, String owner, String source) {
            this.file = file;
            this.owner = owner;
            Matcher m = BLOCK.matcher(source);
            while (m.find()) {
                texts.put(m.group(2), textBlock(m.group(3)));
                docs.put(m.group(2), m.group(1) == null ? "" : javadoc(m.group(1)));
                starts.put(m.group(2), 1 + (int) source.substring(0, m.start(3)).chars().filter(c -> c == '\n').count());
            }
        }

        /** A text block's lines, with where each is ({@code used}: the block use brought them in from, or null). */
        List<Line> lines(String constant, String used) {
            List<Line> lines = new ArrayList<>();
            String[] texts = this.texts.get(constant).split("\n", -1);
            for (int i = 0; i < texts.length - 1; i++) {
                lines.add(new Line(file, owner, constant, i + 1, starts.get(constant) + i, texts[i], used));
            }
            return lines;
        }
    }

    static void compile(String[] args) throws IOException {
        Path project = Path.of(args[0]);
        Path core = project.resolve("src/main/java/destination/klaviyo/core");
        List<Declaration> declarations = new ArrayList<>();
        Map<String, Lookup> lookups = new LinkedHashMap<>();
        try (var files = Files.list(core)) {
            for (Path file : files.sorted().toList()) {
                String owner = file.getFileName().toString().replace(".java", "");
                Blocks blocks = new Blocks(project.relativize(file).toString().replace('\\', '/'), owner,
                        Files.readString(file));
                for (String constant : blocks.texts.keySet()) {
                    String[] first = blocks.texts.get(constant).strip().split("\\s+");
                    if (first[0].equals("from")) {
                        Declaration d = parse(owner, constant, blocks, lookups);
                        d.doc = blocks.docs.get(constant);
                        declarations.add(d);
                    } else if (near(first[0], "from")) {
                        // A declaration whose first word is mistyped would be no declaration at all.
                        throw blocks.lines(constant, null).get(0).error(first[0] + " is no keyword: a declaration starts with from");
                    }
                }
            }
        }
        Path out = Path.of(args[1], "destination/klaviyo/core/Rules.java");
        Files.createDirectories(out.getParent());
        String java = new Emitter(declarations, lookups).java();
        if (!Files.exists(out) || !Files.readString(out).equals(java)) {
            Files.writeString(out, java);
        }
        Files.createDirectories(Path.of(args[2]).getParent());
        String tables = docs(declarations);
        Files.writeString(Path.of(args[2]), tables);
        if (args.length > 3) {
            // Writes the tables into a document, between its markers.
            Path doc = Path.of(args[3]);
            String text = Files.readString(doc);
            int begin = text.indexOf(BEGIN) + BEGIN.length();
            int end = text.indexOf(END);
            Files.writeString(doc, text.substring(0, begin) + "\n\n" + tables + text.substring(end));
        }
    }

    /** The markers of the generated part of docs/mapping.md. */
    static final String BEGIN = "<!-- Generated from the declarations by src/build/RulesCompiler.java: begin -->";
    static final String END = "<!-- Generated from the declarations: end -->";

    /** A javadoc comment as plain text: its first paragraph, without the stars and the tags' braces. */
    static String javadoc(String raw) {
        String text = raw.replaceAll("(?m)^\\s*\\* ?", "").trim();
        int p = text.indexOf("\n\n");
        text = (p < 0 ? text : text.substring(0, p)).replace('\n', ' ');
        return text.replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`").replaceAll("<p>", "");
    }

    /** A text block's content as javac makes it: the common indentation (the closing line's too) removed. */
    static String textBlock(String raw) {
        String[] lines = raw.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank() || line == lines[lines.length - 1]) {
                int i = 0;
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                indent = Math.min(indent, i);
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            text.append(lines[i].length() >= indent ? lines[i].substring(indent) : lines[i].strip()).append('\n');
        }
        return text.toString();
    }

    /** The keywords that start a line; any other first word names a property. */
    static final List<String> KEYWORDS = List.of("from", "given", "use", "drop", "require", "keep", "rest", "make");

    static Declaration parse(String owner, String constant, Blocks blocks, Map<String, Lookup> lookups) {
        Declaration d = new Declaration(owner, constant);
        List<Line> lines = blocks.lines(constant, null);
        int said = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String[] words = line.words();
            if (words.length == 0) {
                continue;
            }
            said++;
            switch (words[0]) {
                case "from" -> {
                    if (said != 1 || line.used() != null) {
                        throw line.error("from comes first, once");
                    }
                    count(line, words, 2, "from <object>, or from nothing");
                    d.from = words[1].equals("nothing") ? null : words[1];
                }
                case "given" -> {
                    if (said != 2 || line.used() != null) {
                        throw line.error("given comes right after from, once");
                    }
                    if (words.length < 2) {
                        throw line.error("given names the values the rule's Java passes, in the order of the method's parameters");
                    }
                    for (String name : List.of(words).subList(1, words.length)) {
                        if (!NAME.matcher(name).matches()) {
                            throw line.error("a given name is a Java name: " + name);
                        }
                        if (d.given.contains(name)) {
                            throw line.error(name + " is given twice");
                        }
                        d.given.add(name);
                    }
                    d.givenLine = line;
                }
                case "use" -> {
                    count(line, words, 2, "use <the constant of a text block of " + owner + ">");
                    if (line.used() != null) {
                        throw line.error("the lines a use brings in use no other block");
                    }
                    String text = blocks.texts.get(words[1]);
                    if (text == null) {
                        throw line.error(owner + " has no text block " + words[1]);
                    }
                    if (text.strip().startsWith("from ")) {
                        throw line.error(words[1] + " is a declaration: use brings in the lines of a block without from");
                    }
                    lines.addAll(i + 1, blocks.lines(words[1], words[1]));
                    d.uses.put(words[1], line);
                }
                case "drop" -> d.drops.add(names(d, line, words, true));
                case "require" -> d.requires.add(names(d, line, words, true));
                case "keep" -> d.keep.addAll(names(d, line, words, false).names);
                case "rest" -> {
                    count(line, words, 1, "rest, alone");
                    d.rest = true;
                }
                case "make" -> {
                    if (words.length != 2 || !words[1].equals("nothing")) {
                        throw line.error("make nothing, alone, is the only make");
                    }
                    d.makesNothing = true;
                }
                default -> d.properties.add(property(d, line, words));
            }
        }
        for (String name : d.given) {
            if (d.flags.contains(name) && d.values.contains(name)) {
                throw d.givenLine.error(name + " is given as a flag (when, unless) and as a value (@" + name + "): it is one or the other");
            }
            if (!d.flags.contains(name) && !d.values.contains(name)) {
                throw d.givenLine.error(name + " is given but never read: no @" + name + ", no when or unless " + name);
            }
        }
        Lookup lookup = d.from == null ? null : lookups.computeIfAbsent(d.from, Lookup::new);
        for (Property p : d.properties) {
            for (Source s : p.sources) {
                if (!s.key.startsWith("@")) {
                    register(lookup, s.key, p.at);
                }
                s.takes.forEach(k -> register(lookup, k, p.at));
            }
            p.takes.forEach(k -> register(lookup, k, p.at));
        }
        d.drops.forEach(n -> n.names.forEach(k -> register(lookup, k, n.at)));
        d.requires.forEach(n -> n.names.forEach(name -> property(d, name, n.at)));
        for (Line keep : d.keepLines) {
            for (String name : keep.words()) {
                if (!name.equals("keep")) {
                    property(d, name, keep);
                }
            }
        }
        return d;
    }

    /** Refuses a line of another number of words. */
    static void count(Line line, String[] words, int count, String form) {
        if (words.length != count) {
            throw line.error("the form is: " + form);
        }
    }

    /**
     * Whether a word is a keyword mistyped: one letter added, left out, changed or two swapped (two of
     * them in a keyword of six letters or more), as javac would call it a misspelled keyword.
     */
    static boolean near(String word, String keyword) {
        int limit = keyword.length() >= 6 ? 2 : 1;
        int[][] d = new int[word.length() + 1][keyword.length() + 1];
        for (int i = 0; i <= word.length(); i++) {
            for (int j = 0; j <= keyword.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = word.charAt(i - 1) == keyword.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && word.charAt(i - 1) == keyword.charAt(j - 2) && word.charAt(i - 2) == keyword.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[word.length()][keyword.length()] <= limit;
    }

    /** A property whose name starts with _: read for the rule's Java (keep), never sent. */
    static boolean internal(Property p) {
        return p.name.startsWith("_");
    }

    /** A property's place in the object made. */
    static int out(Declaration d, Property p) {
        return (int) d.properties.subList(0, d.properties.indexOf(p)).stream().filter(q -> !internal(q)).count();
    }

    /** The property a require or keep line names. */
    static Property property(Declaration d, String name, Line at) {
        return d.properties.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> at.error("no property " + name + " in " + d.owner + "." + d.constant));
    }

    static Property property(Declaration d, String name) {
        return d.properties.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }

    static void register(Lookup lookup, String key, Line at) {
        if (lookup == null) {
            throw at.error("a declaration from nothing reads no key: " + key);
        }
        int dot = key.indexOf('.');
        if (dot > 0) {
            lookup.key(key.substring(0, dot), at);
            Lookup child = lookup.children.computeIfAbsent(key.substring(0, dot),
                    k -> new Lookup(lookup.name + camelUpper(k)));
            child.key(key.substring(dot + 1), at);
        } else {
            lookup.key(key, at);
        }
    }

    /** The flag or value names the rule's Java passes. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A key of the object: exact (=) or not, maybe key b of the object at key a (a.b). */
    static final Pattern KEY = Pattern.compile("=?[^\\s|:>=@.-][^\\s|:.]*(?:\\.[^\\s|:.]+)?");
    /** A property's name: a letter, $ or _, then letters, digits, $ and _; a copy's ends in ?. */
    static final Pattern PROPERTY = Pattern.compile("[$A-Za-z_][$\\w]*\\??");

    /** The condition that ends a line ("when flag", "unless flag": the flag, or "!flag"), or null. */
    static String condition(Declaration d, Line line, String[] words) {
        int n = words.length;
        if (n < 3 || !words[n - 2].equals("when") && !words[n - 2].equals("unless")) {
            return null;
        }
        if (!NAME.matcher(words[n - 1]).matches()) {
            throw line.error("a flag is a Java name: " + words[n - 1]);
        }
        if (!d.given.contains(words[n - 1])) {
            throw line.error("the flag " + words[n - 1] + " is not given: name it in the line after from (given ... "
                    + words[n - 1] + ")");
        }
        if (!d.flags.contains(words[n - 1])) {
            d.flags.add(words[n - 1]);
        }
        return (words[n - 2].equals("unless") ? "!" : "") + words[n - 1];
    }

    /** A drop, require or keep line: one name at least, and, but for keep, maybe a condition. */
    static Names names(Declaration d, Line line, String[] words, boolean conditional) {
        String when = conditional ? condition(d, line, words) : null;
        List<String> names = List.of(words).subList(1, words.length - (when == null ? 0 : 2));
        if (names.isEmpty()) {
            throw line.error(words[0] + " names one " + (words[0].equals("drop") ? "key" : "property") + " at least");
        }
        for (String name : names) {
            if (name.equals("when") || name.equals("unless")) {
                throw line.error(name + " ends a line: " + name + " <flag>");
            }
            if (words[0].equals("drop") ? !KEY.matcher(name).matches() : !PROPERTY.matcher(name + "?").matches()) {
                throw line.error("no " + (words[0].equals("drop") ? "key" : "property name") + " " + name);
            }
        }
        if (words[0].equals("keep")) {
            d.keepLines.add(line);
        }
        return new Names(names, when, line);
    }

    /** A property line: name source [| source]... [>reading] [-key]... [when|unless flag]. */
    static Property property(Declaration d, Line line, String[] all) {
        String when = condition(d, line, all);
        String[] words = when == null ? all : java.util.Arrays.copyOf(all, all.length - 2);
        String name = words[0];
        // A keyword's line names names; a property's line that reads a key with a reading, or gives
        // a value, reads like no keyword's, so a property may be named name or url.
        boolean keywordLike = java.util.Arrays.stream(words).skip(1).noneMatch(w -> w.contains(":") || w.equals("|")
                || w.startsWith("@") || w.startsWith(">") || w.startsWith("~"));
        for (String keyword : KEYWORDS) {
            if (keywordLike && name.matches("[a-zA-Z]+") && near(name, keyword)) {
                throw line.error(name + " is no keyword (" + keyword + "?), and a property's name is never a letter"
                        + " away from a keyword's");
            }
        }
        if (!PROPERTY.matcher(name).matches()) {
            throw line.error("no property name " + name + ": a letter, $ or _, then letters, digits, $ and _");
        }
        boolean copy = name.endsWith("?");
        name = copy ? name.substring(0, name.length() - 1) : name;
        String named = name;
        if (d.properties.stream().anyMatch(p -> p.name.equals(named))) {
            throw line.error("the property " + name + " is declared twice");
        }
        List<Source> sources = new ArrayList<>();
        List<String> takes = new ArrayList<>();
        String then = null;
        int w = 1;
        while (true) {
            if (w == words.length || words[w].equals("|")) {
                throw line.error(sources.isEmpty() ? "a property names its sources after its name" : "a source after |");
            }
            Source source = source(d, line, words[w++]);
            sources.add(source);
            while (w < words.length && words[w].startsWith("~")) {
                String key = words[w++].substring(1);
                if (source.key.startsWith("@") || !KEY.matcher(key).matches()) {
                    throw line.error("~" + key + " follows a key of the object, and names a key it takes over");
                }
                source.takes.add(key);
            }
            if (w < words.length && words[w].equals("|")) {
                w++;
            } else {
                break;
            }
        }
        if (w < words.length && words[w].startsWith(">")) {
            then = reading(line, words[w++].substring(1));
        }
        while (w < words.length && words[w].startsWith("-")) {
            String key = words[w++].substring(1);
            if (!KEY.matcher(key).matches()) {
                throw line.error("no key " + key + " after -");
            }
            takes.add(key);
        }
        if (w < words.length) {
            throw line.error("unexpected " + words[w] + ": after the sources come >reading, -key..., when|unless flag");
        }
        if (then != null && sources.stream().anyMatch(src -> src.key.startsWith("@"))) {
            throw line.error("a reading after the sources reads keys of the object, not given values");
        }
        if (then != null && sources.stream().anyMatch(src -> !src.takes.isEmpty())) {
            throw line.error("~key does not go with a reading after the sources");
        }
        return new Property(name, copy, sources, then, takes, line.used(), when, line);
    }

    /** A source: a key of the object or a given @value, maybe with a :reading. */
    static Source source(Declaration d, Line line, String word) {
        int colon = word.indexOf(':');
        String key = colon < 0 ? word : word.substring(0, colon);
        String reading = colon < 0 ? null : reading(line, word.substring(colon + 1));
        if (key.startsWith("@")) {
            if (!NAME.matcher(key.substring(1)).matches()) {
                throw line.error("a given value is @ and a Java name: " + key);
            }
            if (reading != null && !reading.equals("email")) {
                throw line.error("a given value is read as it is, or as an email");
            }
            if (!d.given.contains(key.substring(1))) {
                throw line.error(key + " is not given: name it in the line after from (given ... " + key.substring(1) + ")");
            }
            if (!d.values.contains(key.substring(1))) {
                d.values.add(key.substring(1));
            }
        } else if (!KEY.matcher(key).matches()) {
            throw line.error("no key " + key + ": a key, =key for that exact key, a.b for key b of the object at key a,"
                    + " or @name for a given value");
        }
        return new Source(key, reading, new ArrayList<>());
    }

    static String reading(Line line, String name) {
        if (!READINGS.contains(name)) {
            throw line.error("no reading " + name + " (the readings: " + String.join(", ", READINGS) + ")");
        }
        return name;
    }

    static String camel(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** PROFILE_BY_EMAIL as ProfileByEmail; address as Address. */
    static String camelUpper(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '$') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : name.equals(name.toUpperCase()) ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** Writes the Java. */
    static final class Emitter {
        final List<Declaration> declarations;
        final Map<String, Lookup> lookups;
        final StringBuilder out = new StringBuilder();

        Emitter(List<Declaration> declarations, Map<String, Lookup> lookups) {
            this.declarations = declarations;
            this.lookups = lookups;
        }

        String java() {
            line("package destination.klaviyo.core;");
            line("");
            line("/**");
            line(" * The Klaviyo rules, compiled from their declarations by src/build/RulesCompiler.java when the");
            line(" * project is built. Do not edit: change the declaration (see docs/rules.md).");
            line(" */");
            line("final class Rules {");
            line("    private final Values values;");
            List<Lookup> all = new ArrayList<>();
            lookups.values().forEach(l -> collect(l, all));
            for (Lookup l : all) {
                line("    private final KeyList " + l.name + "Keys;");
            }
            for (Declaration d : declarations) {
                if (!d.makesNothing) {
                    line("    private final KeyList " + d.method + "Out;");
                }
                if (d.properties.stream().anyMatch(p -> p.copy && !shared(p.block))) {
                    line("    private final KeyList " + d.method + "Own;");
                }
                for (String k : d.keep) {
                    line("    /** " + d.owner + "." + d.constant + "'s " + k + ", as the last call made it. */");
                    line("    int " + d.method + camelUpper(k) + ";");
                }
            }
            for (var block : blocks().entrySet()) {
                Declaration d = block.getValue();
                if (d.properties.stream().anyMatch(p -> p.copy && block.getKey().equals(p.block))) {
                    line("    private final KeyList " + camel(d.owner) + camelUpper(block.getKey()) + "Own;");
                }
            }
            line("");
            line("    Rules(Values values) {");
            line("        this.values = values;");
            for (Lookup l : all) {
                line("        " + l.name + "Keys = new KeyList(values, \"" + String.join(" ", l.keys) + "\");");
            }
            for (Declaration d : declarations) {
                if (!d.makesNothing) {
                    line("        " + d.method + "Out = new KeyList(values, \""
                            + String.join(" ", d.properties.stream().filter(p -> !internal(p)).map(Property::name).toList())
                            + "\");");
                }
                List<String> own = d.properties.stream().filter(p -> p.copy && !shared(p.block)).map(p -> "=" + p.name).toList();
                if (!own.isEmpty()) {
                    line("        " + d.method + "Own = new KeyList(values, \"" + String.join(" ", own) + "\");");
                }
            }
            for (var block : blocks().entrySet()) {
                Declaration d = block.getValue();
                List<String> own = d.properties.stream().filter(p -> p.copy && block.getKey().equals(p.block))
                        .map(p -> "=" + p.name).toList();
                if (!own.isEmpty()) {
                    line("        " + camel(d.owner) + camelUpper(block.getKey()) + "Own = new KeyList(values, \""
                            + String.join(" ", own) + "\");");
                }
            }
            line("    }");
            for (String name : lookups.keySet()) {
                line("");
                line("    /** Looks up in an object every key the rules reading " + name + " read. */");
                line("    Found " + name + "(int object) {");
                line("        return " + name + "Keys.in(values, object);");
                line("    }");
                line("");
                line("    Found[] each" + camelUpper(name) + "(int array) {");
                line("        return " + name + "Keys.inEach(values, array);");
                line("    }");
            }
            declarations.forEach(this::method);
            blocks().forEach((name, d) -> block(d, name));
            line("}");
            return out.toString();
        }

        /**
         * Each block with properties that several declarations use, with the first declaration using
         * it: compiled once, as a method. A block only one declaration uses is compiled in its place.
         */
        Map<String, Declaration> blocks() {
            Map<String, Declaration> blocks = new LinkedHashMap<>();
            Map<String, Integer> users = new LinkedHashMap<>();
            for (Declaration d : declarations) {
                d.properties.stream().map(Property::block).filter(b -> b != null).distinct().forEach(block -> {
                    Declaration first = blocks.putIfAbsent(block, d);
                    users.merge(block, 1, Integer::sum);
                    if (first != null && !java.util.Objects.equals(first.from, d.from)) {
                        throw d.uses.get(block).error(block + " is used by declarations that read different objects ("
                                + first.owner + "." + first.constant + " reads the " + first.from + ")");
                    }
                });
            }
            blocks.keySet().removeIf(block -> users.get(block) < 2);
            return blocks;
        }

        boolean shared(String block) {
            return block != null && blocks().containsKey(block);
        }

        void collect(Lookup l, List<Lookup> all) {
            all.add(l);
            l.children.values().forEach(c -> collect(c, all));
        }

        void method(Declaration d) {
            Lookup lookup = d.from == null ? null : lookups.get(d.from);
            List<String> params = new ArrayList<>();
            if (lookup != null) {
                params.add("Found f");
                params.add("int object");
            }
            d.given.forEach(g -> params.add((d.flags.contains(g) ? "boolean " : "int ") + g));
            line("");
            String what = d.owner + "." + d.constant + (d.makesNothing ? ": its kept values." : ": the object, or Values.NO_VALUE.");
            if (d.given.isEmpty()) {
                line("    /** " + what + " */");
            } else {
                line("    /**");
                line("     * " + what + " Given, in the order of its given line: " + String.join(", ", d.given) + ".");
                line("     */");
            }
            // A declaration that makes nothing and reads one property gives that property's value.
            boolean single = d.makesNothing && d.properties.size() == 1 && d.keep.isEmpty();
            line("    " + (d.makesNothing && !single ? "void " : "int ") + d.method + "(" + String.join(", ", params) + ") {");
            if (!d.makesNothing) {
                line("        int[] m = " + d.method + "Out.values();");
                line("        int c = " + mask(lookup, d.drops.stream().filter(n -> n.when == null)
                        .flatMap(n -> n.names.stream()).toList()) + ";");
                for (Names drop : d.drops) {
                    if (drop.when != null) {
                        line("        c |= " + drop.when + " ? " + mask(lookup, drop.names) + " : 0;");
                    }
                }
            }
            line("        int v;");

            List<Property> own = d.properties.stream().filter(p -> p.copy && !shared(p.block)).toList();
            properties(d, lookup, d.properties, "", d.method + "Own", own);
            if (!d.requires.isEmpty()) {
                List<String> missing = new ArrayList<>();
                for (Names require : d.requires) {
                    String none = String.join(" && ", require.names.stream()
                            .map(n -> "m[" + out(d, property(d, n)) + "] == 0").toList());
                    missing.add(require.when == null ? "(" + none + ")" : require.when + " && " + none);
                }
                line("        if (" + String.join(" || ", missing) + ") {");
                line("            " + d.method + "Out.giveBack(m);");
                line("            return Values.NO_VALUE;");
                line("        }");
            }
            if (!d.makesNothing) {
                line("        return " + d.method + "Out.build(values, " + (d.rest ? "f.record()" : "Values.NO_VALUE") + ", c, m);");
            } else if (single) {
                line("        return v;");
            }
            line("    }");
        }

        /** A block that declarations use: its properties from m[at] on; returns the keys they take over. */
        void block(Declaration d, String block) {
            Lookup lookup = lookups.get(d.from);
            List<Property> props = d.properties.stream().filter(p -> block.equals(p.block)).toList();
            List<Property> own = props.stream().filter(p -> p.copy).toList();
            line("");
            line("    /** " + d.owner + "." + block + ", in the declarations that use it: its properties from m[at] on. */");
            line("    private int " + camel(d.owner) + camelUpper(block) + "(Found f, int object, int[] m, int at) {");
            line("        int c = 0;");
            line("        int v;");
            properties(d, lookup, props, "at + ", camel(d.owner) + camelUpper(block) + "Own", own);
            line("        return c;");
            line("    }");
        }

        /** The statements that set each property; a block's properties become one call. */
        void properties(Declaration d, Lookup lookup, List<Property> props, String base, String ownList, List<Property> own) {
            // The objects at a key are looked up where a property first reads them.
            List<String> loaded = new ArrayList<>();
            String inBlock = null;
            // The property's place in the object made: internal properties have none.
            int o = -1;
            for (int i = 0; i < props.size(); i++) {
                Property p = props.get(i);
                o += internal(p) ? 0 : 1;
                if (internal(p) && (shared(p.block) || !base.isEmpty())) {
                    throw p.at.error("an internal property (" + p.name + ") cannot be in a block that use brings in");
                }
                if (base.isEmpty() && shared(p.block)) {
                    if (!p.block.equals(inBlock)) {
                        inBlock = p.block;
                        line("        c |= " + camel(d.owner) + camelUpper(p.block) + "(f, object, m, " + o + ");");
                    }
                    continue;
                }
                for (Source src : p.sources) {
                    int dot = src.key.indexOf('.');
                    String child = dot > 0 ? src.key.substring(0, dot) : null;
                    if (child != null && !loaded.contains(child)) {
                        loaded.add(child);
                        int at = lookup.keys.indexOf(child);
                        line("        Found " + child + " = f.kind(" + at + ") == Values.OBJECT ? "
                                + lookup.children.get(child).name + "Keys.in(values, f.value(" + at + ")) : null;");
                    }
                }
                line("        // " + p.name);
                if (p.sources.stream().anyMatch(src -> !src.takes.isEmpty())) {
                    // Each source that gives the value takes over its own keys (~key).
                    String when = p.when == null ? "" : p.when + " && ";
                    line("        v = 0;");
                    for (Source src : p.sources) {
                        String read = source(lookup, src);
                        line(src.takes.isEmpty() ? "        v = " + when + "v == 0 ? " + read + " : v;"
                                : "        c |= " + when + "v == 0 && (v = " + read + ") != 0 ? " + mask(lookup, src.takes) + " : 0;");
                    }
                } else {
                    line("        v = " + (p.when == null ? "" : p.when + " ? ") + value(lookup, p) + (p.when == null ? "" : " : 0") + ";");
                }
                if (p.copy && p == own.get(own.size() - 1)) {
                    int first = props.indexOf(own.get(0));
                    if (i - first + 1 != own.size() || props.subList(first, i).stream().anyMatch(RulesCompiler::internal)) {
                        throw p.at.error("the copies of a declaration come one after the other, with no internal property"
                                + " between them");
                    }
                    first = o - own.size() + 1;
                    line("        m[" + base + o + "] = v;");
                    line("        // A property of a copy's name that the object has itself stays as it is.");
                    line("        Found.unlessOwn(values, m, " + base + first + ", " + own.size() + ", " + ownList + ", object);");
                    continue;
                }
                if (!p.takes.isEmpty()) {
                    line("        c |= v != 0 ? " + mask(lookup, p.takes) + " : 0;");
                }
                if (d.keep.contains(p.name)) {
                    line("        " + d.method + camelUpper(p.name) + " = v;");
                }
                if (!d.makesNothing && !internal(p)) {
                    line("        m[" + base + o + "] = v;");
                }
            }
        }

        /**
         * The expression of a property's value: the first source that gives one ((v = a) != 0 ? v : b),
         * or, with a reading after the sources, that reading of the first source that gives one.
         */
        /** The expression that reads one source as its reading says. */
        String source(Lookup lookup, Source src) {
            if (src.key.startsWith("@")) {
                String g = src.key.substring(1);
                return src.reading == null ? g : "Found." + src.reading + "(values, " + g + ")";
            }
            int dot = src.key.indexOf('.');
            String found = dot > 0 ? src.key.substring(0, dot) : "f";
            Lookup in = dot > 0 ? lookup.children.get(found) : lookup;
            String read = read(src.reading, found, in.keys.indexOf(dot > 0 ? src.key.substring(dot + 1) : src.key));
            return dot > 0 ? "(" + found + " == null ? 0 : " + read + ")" : read;
        }

        String value(Lookup lookup, Property p) {
            String expression = p.then == null ? "Values.NO_VALUE" : none(p.then);
            for (int s = p.sources.size() - 1; s >= 0; s--) {
                Source src = p.sources.get(s);
                String read;
                String then = null;
                if (src.key.startsWith("@")) {
                    String g = src.key.substring(1);
                    read = src.reading == null ? g : "Found." + src.reading + "(values, " + g + ")";
                } else {
                    int dot = src.key.indexOf('.');
                    String found = dot > 0 ? src.key.substring(0, dot) : "f";
                    Lookup in = dot > 0 ? lookup.children.get(found) : lookup;
                    int e = in.keys.indexOf(dot > 0 ? src.key.substring(dot + 1) : src.key);
                    read = read(src.reading, found, e);
                    then = p.then == null ? null : read(p.then, found, e);
                    if (dot > 0) {
                        read = "(" + found + " == null ? 0 : " + read + ")";
                        then = then == null ? null : "(" + found + " == null ? 0 : " + then + ")";
                    }
                }
                if (p.then != null) {
                    expression = read + " != 0 ? " + then + " : " + expression;
                } else if (s == p.sources.size() - 1) {
                    expression = read;
                } else {
                    expression = "(v = " + read + ") != 0 ? v : " + expression;
                }
            }
            return expression;
        }

        String mask(Lookup lookup, List<String> keys) {
            if (keys.isEmpty()) {
                return "0";
            }
            return String.join(" | ", keys.stream().map(k -> "1 << " + lookup.keys.indexOf(k)).toList());
        }

        /** The Java that reads entry e of a lookup as the reading says (e -1: the entry in ce). */
        String read(String reading, String found, int e) {
            String entry = e < 0 ? "ce" : String.valueOf(e);
            if (reading == null) {
                return found + ".value(" + entry + ")";
            }
            return switch (reading) {
                case "present" -> found + ".present(" + entry + ")";
                case "truthy" -> found + ".ifTruthy(" + entry + ")";
                case "id" -> found + ".identifier(" + entry + ")";
                case "money" -> "Revenue.amount(values, " + found + ", " + entry + ")";
                case "amount" -> "Revenue.any(values, " + found + ", " + entry + ")";
                case "count" -> "Revenue.count(values, " + found + ", " + entry + ")";
                case "list" -> "values.listOf(" + found + ".present(" + entry + "))";
                case "idlist" -> "values.listOf(" + found + ".identifier(" + entry + "))";
                case "known", "string", "array" -> found + "." + reading + "(" + entry + ")";
                default -> found + "." + reading + "(values, " + entry + ")";
            };
        }

        String none(String reading) {
            return reading.equals("list") || reading.equals("idlist") ? "values.listOf(Values.NO_VALUE)"
                    : reading.equals("quantity") ? "values.ofNumber(1)" : "Values.NO_VALUE";
        }

        void line(String text) {
            out.append(text).append('\n');
        }
    }

    /** A condition as the docs say it. */
    static String said(String when) {
        return when == null ? "" : when.startsWith("!") ? " (without " + when.substring(1) + ")" : " (with " + when + ")";
    }

    static String docs(List<Declaration> declarations) {
        StringBuilder md = new StringBuilder();
        for (Declaration d : declarations) {
            if (d.makesNothing) {
                continue;
            }
            md.append("### ").append(d.owner).append('.').append(d.constant).append("\n\n");
            if (!d.doc.isEmpty()) {
                md.append(d.doc).append("\n\n");
            }
            md.append(d.from == null ? "Made of values the rule gives." : "Read from the " + d.from + ".");
            for (Names require : d.requires) {
                md.append(" Sent only when ").append(require.names.size() == 1 ? "`" + require.names.get(0) + "` has a value"
                        : "one of " + String.join(", ", require.names.stream().map(r -> "`" + r + "`").toList()) + " has a value")
                        .append(said(require.when)).append('.');
            }
            if (d.rest) {
                md.append(" Its other keys come first, copied as plain JSON");
                List<String> dropped = d.drops.stream().map(n -> String.join(", ", n.names.stream().map(k -> "`" + k + "`")
                        .toList()) + said(n.when)).toList();
                md.append(dropped.isEmpty() ? "." : ", but " + String.join("; ", dropped) + ".");
            }
            md.append("\n\n| Klaviyo property | from, in order of preference | leaves out of the copy |\n| --- | --- | --- |\n");
            for (Property p : d.properties) {
                if (internal(p)) {
                    continue;
                }
                List<String> from = new ArrayList<>();
                for (Source s : p.sources) {
                    String key = s.key.startsWith("@") ? "the " + s.key.substring(1) : "`" + s.key + "`";
                    from.add(key + (s.reading == null ? "" : ", " + SAID.get(s.reading)));
                }
                md.append("| `").append(p.name).append('`').append(p.copy ? " (unless the object has its own)" : "")
                        .append(said(p.when))
                        .append(" | ").append(String.join("; else ", from)).append(p.then == null ? "" : "; read as " + SAID.get(p.then))
                        .append(" | ").append(String.join(", ", java.util.stream.Stream.concat(p.takes.stream().map(k -> "`" + k + "`"),
                                p.sources.stream().flatMap(s -> s.takes.stream().map(k -> "`" + k + "` when `" + s.key + "` gives it")))
                                .toList())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString().trim() + "\n\n";
    }
}
