package destination.klaviyo.core;

/**
 * What Klaviyo's ecommerce metrics say of a list of products: the {@code Items} list and the top-level
 * summaries Klaviyo's segments and flows filter on (ItemNames, Categories, Brands, the value).
 * https://developers.klaviyo.com/en/docs/guide_to_integrating_a_platform_without_a_pre_built_klaviyo_integration
 */
final class Items {
    private final Values values;
    /** The products' keys, in the lookups of the products vocabulary. */
    final Product.Keys keys;
    /** An item of Added to Cart and Started Checkout. */
    private final Shape cartItem;
    /** An item of Placed Order: Categories in place of ProductCategories, and the Brand. */
    private final Shape orderItem;

    Items(Values values, Product.Keys keys) {
        this.values = values;
        this.keys = keys;
        Vocabulary product = keys.vocabulary;
        cartItem = new Shape(values, product, "ProductID=productid,id SKU=sku ProductName=name Quantity=given"
                + " ItemPrice=money:price RowTotal=given ProductURL=url,producturl ImageURL=imageurl"
                + " ProductCategories=list:category");
        orderItem = new Shape(values, product, "ProductID=productid,id SKU=sku ProductName=name Quantity=given"
                + " ItemPrice=money:price RowTotal=given ProductURL=url,producturl ImageURL=imageurl"
                + " Categories=list:category Brand=brand");
    }

    /** The products of an array, read in one step (objects only). */
    Product[] read(int array) {
        return Product.list(values, keys, array);
    }

    /** The Items list of a cart or a checkout. */
    int cart(Product[] products, int count) {
        return items(cartItem, products, count);
    }

    /** The Items list of Placed Order. */
    int order(Product[] products, int count) {
        return items(orderItem, products, count);
    }

    private int items(Shape shape, Product[] products, int count) {
        int[] items = new int[count];
        for (int i = 0; i < count; i++) {
            Product p = products[i];
            items[i] = shape.make(p.fields, false, values.ofNumber(p.quantity), number(p.rowTotal()));
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
