package destination.klaviyo.browser;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static destination.klaviyo.browser.ShopEvents.COMPLETED_ORDER;
import static destination.klaviyo.browser.ShopEvents.EVENT_WITH_VALUE;
import static destination.klaviyo.browser.ShopEvents.GROUP;
import static destination.klaviyo.browser.ShopEvents.IDENTIFY;
import static destination.klaviyo.browser.ShopEvents.ORDER;
import static destination.klaviyo.browser.ShopEvents.ORDERED_MONOPOLY;
import static destination.klaviyo.browser.ShopEvents.ORDERED_SUH_DUDE;
import static destination.klaviyo.browser.ShopEvents.ORGANIZATION;
import static destination.klaviyo.browser.ShopEvents.PROFILE;
import static destination.klaviyo.browser.ShopEvents.SETTINGS;
import static destination.klaviyo.browser.ShopEvents.TRACK_WITH_REVENUE;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same calls through each of the three hosts (AnalyticsNextTest, AnalyticsNextPluginTest and
 * AnalyticsCoreTest say how each is set up): made once the host is ready, each sends Klaviyo exactly
 * the same commands, after the account.
 */
class CallsInEveryHostTest {
    /** A host, opened with the destination's settings. */
    private record Host(String name, Function<String, HostPage> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A call: the destination's settings, the statements the site runs, what Klaviyo gets after the account. */
    private record Call(String name, String settings, String statements, List<String> klaviyo) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Host> HOSTS = List.of(new Host("Analytics Next", HostPage::analyticsNext),
            new Host("Analytics Next's plugin", HostPage::analyticsNextPlugin),
            new Host("analytics.js-core", HostPage::analyticsCore));

    private static final String ENFORCE_EMAIL = "{\"apiKey\": \"hfWBjc\", \"enforceEmail\": true}";

    private static final List<Call> CALLS = List.of(
            new Call("identify sends the profile", SETTINGS, IDENTIFY, List.of(PROFILE)),
            new Call("track with revenue sends $value", SETTINGS, TRACK_WITH_REVENUE, List.of(EVENT_WITH_VALUE)),
            new Call("a completed order sends the order, then each product", SETTINGS, COMPLETED_ORDER,
                    List.of(ORDER, ORDERED_MONOPOLY, ORDERED_SUH_DUDE)),
            new Call("group sends the organization", SETTINGS, GROUP, List.of(ORGANIZATION)),
            new Call("enforceEmail skips an identify without email and keeps the userId out of $id", ENFORCE_EMAIL,
                    "analytics.identify('no-email', {firstName: 'first'});\n" + IDENTIFY, List.of("""
                            ["identify", {"$email": "name@example.com", "id": "id", "$first_name": "first",
                              "$last_name": "last", "$phone_number": "phone", "$title": "title"}]""")));

    static Stream<Arguments> callsInEveryHost() {
        return HOSTS.stream().flatMap(host -> CALLS.stream().map(call -> Arguments.of(host, call)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("callsInEveryHost")
    void eachCallSendsKlaviyoTheSameCommands(Host host, Call call) {
        try (HostPage page = host.open().apply(call.settings())) {
            page.whenReady(call.statements());
            page.assertKlaviyoCommands(Stream.concat(Stream.of(ACCOUNT), call.klaviyo().stream()).toArray(String[]::new));
        }
    }
}
