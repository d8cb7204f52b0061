package destination.klaviyo.browser;

import destination.klaviyo.JsonText;
import destination.klaviyo.MappingCases;

import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code mapping-cases.json} end to end: Segment's snippet, Analytics Next loading
 * klaviyo.dynamic.js with the case's settings, the stand-in of Klaviyo's script recording what it
 * gets. Exactly the commands the case lists, in order, key order included; core/MappingCasesTest
 * holds the JVM to the same.
 *
 * <p>The cases with the same settings share one page. Before each, {@code analytics.reset()} makes
 * it a fresh visitor, as a new page would be: Analytics Next forgets the user and the group (it
 * would otherwise merge a case's traits into the next's), and the destination logs out, which
 * Klaviyo hears at once as {@code ['clearIdentity']} and which clears what the page, the tab and
 * Klaviyo know of the visitor. Each call is made once the one before it has been delivered (the
 * promise analytics.js returns), so every command falls to one case or to a reset: the test checks
 * that nothing else came between.
 */
class MappingCasesThroughAnalyticsNextTest {
    /** What Klaviyo gets for analytics.reset(): the logout. */
    private static final String CLEAR_IDENTITY = "[\"clearIdentity\"]";

    /**
     * Runs the calls in order, each after a reset, and keeps in window.mappingCases where each one's
     * commands start and end in klaviyoStandIn.commands (and what it threw, if anything).
     */
    static final String RUN = """
            (function (calls) {
              var sent = klaviyoStandIn.commands, results = window.mappingCases = [], chain = Promise.resolve();
              calls.forEach(function (call, i) {
                chain = chain.then(function () {
                  analytics.reset();
                  var from = sent.length;
                  function done(error) {
                    results[i] = {from: from, to: sent.length, error: error ? String(error.stack || error) : null};
                  }
                  return Promise.resolve()
                      .then(function () { return analytics[call[0]].apply(analytics, call.slice(1)); })
                      .then(function () { done(); }, function (e) { done(e || 'rejected'); });
                });
              });
              chain.then(function () { window.mappingCasesDone = true; });
            })""";

    @TestFactory
    Stream<DynamicNode> everyCaseSendsExactlyItsCommands() {
        List<MappingCases.Case> all = MappingCases.all();
        return MappingCases.settings(all).stream().map(settings -> {
            List<MappingCases.Case> cases = all.stream().filter(c -> c.settings().equals(settings)).toList();
            Supplier<Run> run = memoized(() -> Run.of(settings, cases));
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                int at = i;
                MappingCases.Case c = cases.get(i);
                tests.add(DynamicTest.dynamicTest(c.displayName(), () -> run.get().check(at, c)));
            }
            return DynamicContainer.dynamicContainer("settings " + settings, tests.stream());
        });
    }

    /** The arguments of the call as analytics.js takes them: identify(userId, traits), track(event, properties, options), group(groupId, traits). */
    static List<Object> call(MappingCases.Case c) {
        Map<String, Object> m = c.message();
        List<Object> call = new ArrayList<>(List.of(c.call()));
        switch (c.call()) {
            case "identify" -> {
                call.add(m.get("userId"));
                if (m.containsKey("traits")) {
                    call.add(m.get("traits"));
                }
            }
            case "track" -> {
                call.add(m.get("event"));
                call.add(m.get("properties"));
                // A track's userId comes with its options, as a page gives it for one event.
                if (m.containsKey("userId")) {
                    call.add(Map.of("userId", m.get("userId")));
                }
            }
            case "group" -> {
                call.add(m.get("groupId"));
                if (m.containsKey("traits")) {
                    call.add(m.get("traits"));
                }
            }
            default -> throw new IllegalArgumentException(c.call());
        }
        return call;
    }

    /** One page's run of its cases: the commands Klaviyo got, and where each case's start and end. */
    private record Run(List<String> commands, List<Object> results, List<String> problems) {
        @SuppressWarnings("unchecked")
        static Run of(String settings, List<MappingCases.Case> cases) {
            try (HostPage page = HostPage.analyticsNext(settings)) {
                page.awaitReady();
                // The account, and nothing for the snippet's first page call.
                assertEquals(List.of(JsonText.canonical(ACCOUNT)), JsonText.canonical(page.awaitKlaviyoCommands(1)),
                        "the page's first commands");
                page.run(RUN + "(" + JsonText.write(cases.stream().map(MappingCasesThroughAnalyticsNextTest::call)
                        .toList()) + ");");
                page.waitUntil("window.mappingCasesDone === true");
                List<Object> results = (List<Object>) JsonText.parse(page.text("JSON.stringify(window.mappingCases)"));
                int last = ((Double) ((Map<String, Object>) results.get(results.size() - 1)).get("to")).intValue();
                // Nothing may come after the last case.
                List<String> commands = page.awaitKlaviyoCommands(last);
                List<String> problems = new ArrayList<>(page.problems());
                page.klaviyoErrors().forEach(e -> problems.add("Klaviyo's stand-in: " + e));
                return new Run(commands, results, problems);
            }
        }

        @SuppressWarnings("unchecked")
        void check(int at, MappingCases.Case c) {
            Map<String, Object> result = (Map<String, Object>) results.get(at);
            assertEquals(null, result.get("error"), c.displayName() + ": what the call threw");
            int from = ((Double) result.get("from")).intValue();
            int to = ((Double) result.get("to")).intValue();
            int previous = at == 0 ? 1 : ((Double) ((Map<String, Object>) results.get(at - 1)).get("to")).intValue();
            assertEquals(List.of(CLEAR_IDENTITY), commands.subList(previous, from).stream()
                    .map(JsonText::canonical).toList(), c.displayName() + ": what came between the case before and this one: the reset alone");
            if (at == results.size() - 1) {
                assertEquals(to, commands.size(), "commands after the last case: " + commands.subList(to, commands.size()));
            }
            List<String> sent = commands.subList(from, to).stream().map(s -> JsonText.write(JsonText.parse(s))).toList();
            assertEquals(c.commands(), sent, () -> c.displayName() + ": " + JsonText.write(call(c)) + " with " + c.settings());
            assertEquals(List.of(), problems, c.displayName() + ": problems in the page");
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private RuntimeException failure;
            private AssertionError assertion;

            @Override
            public synchronized T get() {
                if (value == null && failure == null && assertion == null) {
                    try {
                        value = supplier.get();
                    } catch (RuntimeException e) {
                        failure = e;
                    } catch (AssertionError e) {
                        assertion = e;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                if (assertion != null) {
                    throw assertion;
                }
                return value;
            }
        };
    }
}
