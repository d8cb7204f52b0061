package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a logout clears: Klaviyo's identity cookie without a domain, on the host and every parent domain. */
class LogoutTest {
    /** The cookies a logout deletes on a page of this host, as "name domain". */
    private static List<String> deleted(String host) {
        List<String> deleted = new ArrayList<>();
        Logout.deleteIdentityCookie(new JavaValues(), host, (name, domain) -> deleted.add(name + " " + domain));
        return deleted;
    }

    private static void assertDomains(String host, String... domains) {
        List<String> expected = new ArrayList<>();
        for (String domain : domains) {
            expected.add("__kla_id " + domain);
        }
        assertEquals(expected, deleted(host), host);
    }

    @Test
    void theCookieWithoutADomainTheHostAndEveryParentDomainButTheTopLevelOne() {
        assertDomains("a.b.example.com", "", "a.b.example.com", "b.example.com", "example.com");
        assertDomains("www.shop.example", "", "www.shop.example", "shop.example");
        assertDomains("shop.example", "", "shop.example");
        // A public suffix is tried, and the browser refuses it: harmless.
        assertDomains("shop.co.uk", "", "shop.co.uk", "co.uk");
    }

    @Test
    void aHostWithoutADotHasNoParents() {
        assertDomains("localhost", "", "localhost");
        assertDomains("[::1]", "", "[::1]");
    }

    @Test
    void anIpv4AddressHasNoParents() {
        assertDomains("192.168.0.10", "", "192.168.0.10");
    }

    @Test
    void oddHostNamesEndAndNeverRepeatADomain() {
        assertDomains("", "");
        assertDomains("shop.example.", "", "shop.example.", "example.");
        assertDomains(".", "", ".");
        assertDomains(".example", "", ".example");
        assertDomains("a..b", "", "a..b", ".b");
        assertDomains("xn--bcher-kva.example", "", "xn--bcher-kva.example");
    }
}
