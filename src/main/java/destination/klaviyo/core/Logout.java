package destination.klaviyo.core;

/**
 * What a logout clears: Segment's {@code analytics.reset()}, which sites call when a person logs out
 * (https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/identity/#clearing-traits),
 * and a revocation of consent. The next person on the browser must not be tracked as the previous
 * one, so these go:
 * <ul>
 *   <li>Klaviyo's identity cookie, {@link #IDENTITY_COOKIE}, wherever it may be set
 *       ({@link #deleteIdentityCookie});</li>
 *   <li>the identity Klaviyo's running script holds for the page ({@code clearIdentity});</li>
 *   <li>what the destination knows of who the visitor is ({@link Mapping#forget}: the page's and the
 *       tab's memory).</li>
 * </ul>
 * The calls made before the logout still reach Klaviyo first, as the person (those queued while its
 * script loads too); {@link LogoutOrder} says where the logout goes among the messages.
 * Nothing else: the cart and the marks of lists already subscribed to stay (they identify no one,
 * and forgetting the marks would subscribe the same person again).
 */
public final class Logout {
    /** Klaviyo's cookie for the browser's identity. https://help.klaviyo.com/hc/en-us/articles/360034666712 */
    public static final String IDENTITY_COOKIE = "__kla_id";
    /** A host name's first label and its dot. */
    private static final String FIRST_LABEL = "^[^.]*\\.";
    /** An IPv4 address, which has no parent domains. */
    private static final String IPV4 = "^[0-9.]+$";

    /** Where cookies are deleted: the page's cookies (document.cookie). */
    public interface Cookies {
        /** Deletes the cookie set with this domain ("": the one set without a domain). */
        void delete(String name, String domain);
    }

    private Logout() {
    }

    /**
     * Deletes {@link #IDENTITY_COOKIE} on a page of {@code host} (a host name as the browser gives
     * it): the cookie without a domain (as Klaviyo's script sets it), then the host's and each parent
     * domain's but the top-level one, since a site, or Klaviyo's cookieDomain setting, may set it on
     * any of them: on a.b.example.com, also a.b.example.com, b.example.com and example.com.
     */
    public static void deleteIdentityCookie(Values values, String host, Cookies cookies) {
        cookies.delete(IDENTITY_COOKIE, "");
        if (host.isEmpty()) {
            return;
        }
        cookies.delete(IDENTITY_COOKIE, host);
        if (values.test(IPV4, values.ofString(host))) {
            return;
        }
        // A domain with no dot left is the top-level one: its first label is all there is.
        for (String domain = parent(values, host); !parent(values, domain).equals(domain); domain = parent(values, domain)) {
            cookies.delete(IDENTITY_COOKIE, domain);
        }
    }

    /** The domain without its first label: the domain itself when it has no dot. */
    private static String parent(Values values, String domain) {
        return values.replace(FIRST_LABEL, domain, "");
    }
}
