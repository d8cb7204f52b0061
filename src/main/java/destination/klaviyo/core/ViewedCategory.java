package destination.klaviyo.core;

/**
 * Product List Viewed and Product Category Viewed → Klaviyo's Viewed Category.
 * https://developers.klaviyo.com/en/docs/klaviyo_object
 */
final class ViewedCategory {
    private ViewedCategory() {
    }

    /**
     * Product List Viewed, Product Category Viewed → Viewed Category: the category, the list's id, its
     * page and image; the list's products are left out.
     * https://developers.klaviyo.com/en/docs/klaviyo_object
     */
    static final String VIEWED_CATEGORY = """
            from item
            CategoryName  category:id     -category
            CategoryID    listId:id       -listId
            URL           url:id          -url
            ImageURL      imageUrl:id     -imageUrl
            $value        revenue:money   -=revenue
            drop products
            rest
            """;
}
