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
     * The browser's own engine rewrites the names (through the port), so no regex ships.
     */
    static String pattern(Values values, String[] events) {
        String groups = "";
        for (String v2 : events) {
            String v1 = values.replace("^(.*) ([a-z]+)$", v2, "$2 $1");
            groups += (groups.isEmpty() ? "(" : "|(") + v2 + "|" + v1 + ")";
        }
        return "^[ _]?(?:" + values.replace(" ", groups, "[ _]?") + ")[ _]?$";
    }
}
