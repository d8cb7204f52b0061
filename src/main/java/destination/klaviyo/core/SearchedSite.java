package destination.klaviyo.core;

/**
 * Products Searched → Klaviyo's Searched Site. https://developers.klaviyo.com/en/docs/klaviyo_object
 */
final class SearchedSite {
    private SearchedSite() {
    }

    /** Products Searched → Searched Site: the query as SearchTerm. https://developers.klaviyo.com/en/docs/klaviyo_object */
    static final String SEARCHED_SITE = """
            from item
            SearchTerm  query:id        -query
            $value      revenue:money   -=revenue
            rest
            """;
}
