package destination.klaviyo.core;

/**
 * What Klaviyo's ecommerce metrics say of a list of products: the {@code Items} list and the
 * top-level summaries Klaviyo segments and flows filter on (ItemNames, Categories, Brands, the value).
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 */
final class Items {
    // An item of Added to Cart and Started Checkout (and of the remembered cart).
    private static final String CART_ITEM = "ProductID SKU ProductName Quantity ItemPrice RowTotal ProductURL ImageURL"
            + " ProductCategories";
    // An item of Placed Order: Categories in place of ProductCategories, and the Brand.
    private static final String ORDER_ITEM = "ProductID SKU ProductName Quantity ItemPrice RowTotal ProductURL ImageURL"
            + " Categories Brand";
    private static final int ID = 0;
    private static final int SKU = 1;
    private static final int NAME = 2;
    private static final int QUANTITY = 3;
    private static final int PRICE = 4;
    private static final int ROW_TOTAL = 5;
    private static final int URL = 6;
    private static final int IMAGE = 7;
    private static final int CATEGORIES = 8;
    private static final int BRAND = 9;

    private final Values values;
    private final KeyList cartItem;
    private final KeyList orderItem;

    Items(Values values) {
        this.values = values;
        cartItem = new KeyList(values, CART_ITEM);
        orderItem = new KeyList(values, ORDER_ITEM);
    }

    /** The Items list of a cart or a checkout. */
    int cart(Product[] products, int count) {
        return list(cartItem, products, count);
    }

    /** The Items list of Placed Order. */
    int order(Product[] products, int count) {
        return list(orderItem, products, count);
    }

    private int list(KeyList keys, Product[] products, int count) {
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            Product p = products[i];
            int[] item = keys.values();
            item[ID] = p.id;
            item[SKU] = p.sku;
            item[NAME] = p.name;
            item[QUANTITY] = values.ofNumber(p.quantity);
            item[PRICE] = number(p.price);
            item[ROW_TOTAL] = number(p.rowTotal());
            item[URL] = p.url;
            item[IMAGE] = p.image;
            item[CATEGORIES] = values.listOf(p.category);
            if (keys == orderItem) {
                item[BRAND] = p.brand;
            }
            items[i] = keys.build(values, Values.NO_VALUE, 0, item);
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

    /** The sum of the RowTotals; NaN when no product has a price. */
    static double total(Product[] products, int count) {
        double total = Double.NaN;
        for (int i = 0; i < count; i++) {
            double row = products[i].rowTotal();
            if (row == row) {
                total = total == total ? total + row : row;
            }
        }
        return Money.round(total);
    }

    /** A number handle; {@link Values#NO_VALUE} for NaN. */
    int number(double n) {
        return n == n ? values.ofNumber(n) : Values.NO_VALUE;
    }
}
