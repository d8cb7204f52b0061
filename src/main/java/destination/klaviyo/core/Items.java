package destination.klaviyo.core;

/**
 * What Klaviyo's ecommerce metrics say of a list of products: the {@code Items} list and the top-level
 * summaries Klaviyo's segments and flows filter on (ItemNames, Categories, Brands, the value).
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 */
final class Items {
    /** The product's names, first in every item. */
    static final String ITEM_NAMES = """
            ProductID    productId:id | id:id
            SKU          sku:id
            ProductName  name:id
            """;

    /** The product's pages, in every item. */
    static final String ITEM_LINKS = """
            ProductURL   url:id | productUrl:id
            ImageURL     imageUrl:id
            """;

    /**
     * A line of the cart in Added to Cart's and Started Checkout's Items: its quantity (a positive
     * amount, else 1) and RowTotal (ItemPrice × Quantity) as the cart counts them.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#added-to-cart
     */
    static final String CART_ITEM = """
            from item
            given quantity rowTotal
            use ITEM_NAMES
            Quantity           @quantity
            ItemPrice          price:amount
            RowTotal           @rowTotal
            use ITEM_LINKS
            ProductCategories  category:idlist
            """;

    /**
     * A product in Placed Order's Items: Categories in place of ProductCategories, and its Brand.
     * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration#placed-order
     */
    static final String ORDER_ITEM = """
            from item
            given quantity rowTotal
            use ITEM_NAMES
            Quantity     @quantity
            ItemPrice    price:amount
            RowTotal     @rowTotal
            use ITEM_LINKS
            Categories   category:idlist
            Brand        brand:id
            """;

    private final Values values;
    private final Rules rules;

    Items(Values values, Rules rules) {
        this.values = values;
        this.rules = rules;
    }

    /** The Items list of a cart or a checkout. */
    int cart(Product[] products, int count) {
        return items(products, count, false);
    }

    /** The Items list of Placed Order. */
    int order(Product[] products, int count) {
        return items(products, count, true);
    }

    private int items(Product[] products, int count, boolean order) {
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            Product p = products[i];
            int quantity = values.ofNumber(p.quantity);
            int rowTotal = number(p.rowTotal());
            items[i] = order ? rules.itemsOrderItem(p.fields, Values.NO_VALUE, /* quantity */ quantity, /* rowTotal */ rowTotal)
                    : rules.itemsCartItem(p.fields, Values.NO_VALUE, /* quantity */ quantity, /* rowTotal */ rowTotal);
        }
        return values.array(items, count);
    }

    /** ItemNames: the names of the products that have one. */
    int names(Product[] products, int count) {
        int[] names = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (products[i].name != Values.NO_VALUE) {
                names[n++] = products[i].name;
            }
        }
        return values.array(names, n);
    }

    /**
     * The distinct categories of the products, in order; {@code first}'s first (Added to Cart's
     * AddedItemCategories starts with the added product's), when it is not null.
     */
    int categories(Product first, Product[] products, int count) {
        int[] categories = new int[count + 1];
        categories[0] = first != null ? first.category : Values.NO_VALUE;
        for (int i = 0; i < count; i++) {
            categories[i + 1] = products[i].category;
        }
        return values.distinct(categories, count + 1);
    }

    /** Brands: the distinct brands of the products. */
    int brands(Product[] products, int count) {
        int[] brands = new int[count];
        for (int i = 0; i < count; i++) {
            brands[i] = products[i].brand;
        }
        return values.distinct(brands, count);
    }

    /** The sum of the RowTotals, as a number; {@link Values#NO_VALUE} when no product has a price. */
    int total(Product[] products, int count) {
        double total = Double.NaN;
        for (int i = 0; i < count; i++) {
            double row = products[i].rowTotal();
            if (row == row) {
                total = total == total ? total + row : row;
            }
        }
        return number(Product.round(total));
    }

    /** A number; {@link Values#NO_VALUE} for NaN. */
    int number(double n) {
        return n == n ? values.ofNumber(n) : Values.NO_VALUE;
    }
}
