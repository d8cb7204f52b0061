package destination.klaviyo.core;

/**
 * How analytics.js-integration recognises a spec event by its name, as a JavaScript pattern: ignoring
 * case (the port's patterns are case-insensitive), its words joined by nothing, a space or an
 * underscore, with one more allowed at either end, in the spec's v2 word order ("product viewed") or
 * v1's, the verb first ("viewed product").
 * https://segment.com/docs/connections/spec/ecommerce/v1/
 */
final class EventNames {
    private EventNames() {
    }

    /**
     * One pattern for several events (v2 names, lowercase words separated by single spaces): group i
     * takes part in the match of a name of event i (from 1), so {@link Values#which} says which it is.
     */
    static String pattern(String[] events) {
        StringBuilder pattern = new StringBuilder("^[ _]?(?:");
        for (int i = 0; i < events.length; i++) {
            String v2 = events[i];
            int verb = v2.lastIndexOf(' ');
            String v1 = v2.substring(verb + 1) + " " + v2.substring(0, verb);
            pattern.append(i == 0 ? "(" : "|(").append(words(v2)).append('|').append(words(v1)).append(')');
        }
        return pattern.append(")[ _]?$").toString();
    }

    /** The words of a name, each space made "[ _]?". */
    private static String words(String name) {
        StringBuilder words = new StringBuilder();
        int start = 0;
        for (int space = name.indexOf(' '); space >= 0; space = name.indexOf(' ', start)) {
            words.append(name, start, space).append("[ _]?");
            start = space + 1;
        }
        return words.append(name.substring(start)).toString();
    }
}
