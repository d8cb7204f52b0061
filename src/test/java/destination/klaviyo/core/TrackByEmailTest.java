package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * trackByEmail: a track keyed to the person by email, as the seed promises, with an identify sent
 * before it when its userId is an email, or when it has properties.email and the browser is not
 * identified. The track itself is unchanged.
 */
class TrackByEmailTest {
    private static final String ON = "{\"apiKey\": \"hfWBjc\", \"trackByEmail\": true}";
    private static final String ON_ENFORCING_EMAIL = "{\"apiKey\": \"hfWBjc\", \"trackByEmail\": true, \"enforceEmail\": true}";
    private static final String ANN_SIGNS_UP = """
            {"event": "Signed Up", "userId": "ann@example.com", "properties": {"plan": "pro"}}""";
    private static final String ANN_SIGNED_UP = "[\"track\", \"Signed Up\", {\"plan\": \"pro\"}]";
    private static final String INVITED_BOB = """
            {"event": "Invited Friend", "properties": {"email": "bob@example.com", "revenue": 5}}""";
    private static final String INVITED_BOB_SENT = """
            ["track", "Invited Friend", {"email": "bob@example.com", "$value": 5}]""";

    @Test
    void anEmailUserIdIsIdentifiedAsIdentifyWouldBeforeTheTrack() {
        Recorder klaviyo = new Recorder(ON).track(ANN_SIGNS_UP);
        klaviyo.sent("[[\"identify\", {\"$id\": \"ann@example.com\", \"$email\": \"ann@example.com\"}], "
                + ANN_SIGNED_UP + "]");
        assertTrue(klaviyo.tab.remembered, "the tab remembers it sent an identify");
        assertEquals(0, klaviyo.tab.klaviyoAsked, "a userId needs no question to Klaviyo");
    }

    @Test
    void anEmailUserIdIsIdentifiedOncePerPage() {
        new Recorder(ON).track(ANN_SIGNS_UP).track(ANN_SIGNS_UP)
                .sent("[[\"identify\", {\"$id\": \"ann@example.com\", \"$email\": \"ann@example.com\"}], "
                        + ANN_SIGNED_UP + ", " + ANN_SIGNED_UP + "]");
    }

    @Test
    void noIdentifyWhenTheLastIdentifySentCarriedThatEmail() {
        new Recorder(ON)
                .identify("{\"userId\": \"u1\", \"traits\": {\"email\": \"ann@example.com\"}}")
                .track(ANN_SIGNS_UP)
                .sent("[[\"identify\", {\"$id\": \"u1\", \"$email\": \"ann@example.com\"}], " + ANN_SIGNED_UP + "]");
        new Recorder(ON)
                .identify("{\"userId\": \"ann@example.com\"}")
                .track(ANN_SIGNS_UP)
                .sent("[[\"identify\", {\"$id\": \"ann@example.com\", \"$email\": \"ann@example.com\"}], "
                        + ANN_SIGNED_UP + "]");
    }

    @Test
    void anEmailUserIdOtherThanTheLastIdentifysEmailIsIdentified() {
        // Klaviyo would otherwise key Ann's event to Bob, whom the browser was identified as last.
        new Recorder(ON)
                .identify("{\"userId\": \"u2\", \"traits\": {\"email\": \"bob@example.com\"}}")
                .track(ANN_SIGNS_UP)
                .identify("{\"userId\": \"u3\", \"traits\": {\"name\": \"No Email\"}}")
                .track(ANN_SIGNS_UP)
                .sent("""
                        [["identify", {"$id": "u2", "$email": "bob@example.com"}],
                         ["identify", {"$id": "ann@example.com", "$email": "ann@example.com"}], %s,
                         ["identify", {"$id": "u3", "name": "No Email", "$first_name": "No", "$last_name": "Email"}],
                         ["identify", {"$id": "ann@example.com", "$email": "ann@example.com"}], %s]"""
                        .formatted(ANN_SIGNED_UP, ANN_SIGNED_UP));
    }

    @Test
    void aUserIdThatIsNotAnEmailSendsNoIdentify() {
        Recorder klaviyo = new Recorder(ON)
                .track("{\"event\": \"Viewed\", \"userId\": \"u1\"}")
                .track("{\"event\": \"Viewed\", \"userId\": 42}")
                .track("{\"event\": \"Viewed\", \"userId\": \"ann@example\"}");
        klaviyo.sent("[[\"track\", \"Viewed\", {}], [\"track\", \"Viewed\", {}], [\"track\", \"Viewed\", {}]]");
        assertEquals(0, klaviyo.tab.memoryWrites);
    }

    @Test
    void propertiesEmailOnAnAnonymousBrowserIdentifiesItByThatEmail() {
        Recorder klaviyo = new Recorder(ON).track(INVITED_BOB);
        klaviyo.sent("[[\"identify\", {\"$email\": \"bob@example.com\"}], " + INVITED_BOB_SENT + "]");
        assertEquals(1, klaviyo.tab.klaviyoAsked);
        assertTrue(klaviyo.tab.remembered);
    }

    @Test
    void propertiesEmailIsIdentifiedOncePerPage() {
        Recorder klaviyo = new Recorder(ON).track(INVITED_BOB).track(INVITED_BOB)
                .track("{\"event\": \"Invited Friend\", \"properties\": {\"email\": \"cy@example.com\"}}");
        klaviyo.sent("[[\"identify\", {\"$email\": \"bob@example.com\"}], " + INVITED_BOB_SENT + ", " + INVITED_BOB_SENT
                + ", [\"track\", \"Invited Friend\", {\"email\": \"cy@example.com\"}]]");
        assertEquals(1, klaviyo.tab.klaviyoAsked);
    }

    @Test
    void propertiesEmailAfterAnIdentifyOfTheSameOrAnotherEmailSendsNoIdentify() {
        Recorder klaviyo = new Recorder(ON)
                .identify("{\"userId\": \"u1\", \"traits\": {\"email\": \"bob@example.com\"}}")
                .track(INVITED_BOB)
                .track("{\"event\": \"Invited Friend\", \"properties\": {\"email\": \"cy@example.com\"}}");
        klaviyo.sent("[[\"identify\", {\"$id\": \"u1\", \"$email\": \"bob@example.com\"}], " + INVITED_BOB_SENT
                + ", [\"track\", \"Invited Friend\", {\"email\": \"cy@example.com\"}]]");
        assertEquals(0, klaviyo.tab.klaviyoAsked, "the tab knows it identified the browser");
        // An identify with an identifier but no email counts too.
        new Recorder(ON).identify("{\"userId\": \"u1\"}").track(INVITED_BOB)
                .sent("[[\"identify\", {\"$id\": \"u1\"}], " + INVITED_BOB_SENT + "]");
    }

    @Test
    void theTabRemembersAcrossPagesThatItIdentifiedTheBrowser() {
        IdentityStandIn tab = new IdentityStandIn();
        new Recorder(ON, tab).identify("{\"userId\": \"u1\"}");
        Recorder nextPage = new Recorder(ON, tab).track(INVITED_BOB).track(INVITED_BOB);
        nextPage.sent("[" + INVITED_BOB_SENT + ", " + INVITED_BOB_SENT + "]");
        assertEquals(1, tab.asked, "the tab is asked once per page");
        assertEquals(0, tab.klaviyoAsked, "and its memory answers");
        assertEquals(1, tab.memoryWrites, "written by the page that identified");
    }

    @Test
    void propertiesEmailSendsNoIdentifyWhenKlaviyoKnowsTheBrowser() {
        Recorder klaviyo = new Recorder(ON);
        klaviyo.tab.klaviyoIdentified = true;
        klaviyo.track(INVITED_BOB).track(INVITED_BOB).sent("[" + INVITED_BOB_SENT + ", " + INVITED_BOB_SENT + "]");
        assertEquals(1, klaviyo.tab.klaviyoAsked, "once per page");
        assertFalse(klaviyo.tab.remembered, "the tab sent no identify");
    }

    @Test
    void propertiesEmailThatIsNoEmailAddressSendsNoIdentify() {
        Recorder klaviyo = new Recorder(ON)
                .track("{\"event\": \"a\", \"properties\": {\"email\": \"not an address\"}}")
                .track("{\"event\": \"b\", \"properties\": {\"email\": 42}}")
                .track("{\"event\": \"c\", \"properties\": {\"email\": {\"address\": \"bob@example.com\"}}}")
                .track("{\"event\": \"d\", \"properties\": {\"email\": [\"bob@example.com\"]}}")
                .track("{\"event\": \"e\", \"properties\": {\"email\": null}}")
                .track("{\"event\": \"f\", \"properties\": {\"invitee_email\": \"bob@example.com\"}}");
        klaviyo.sent("""
                [["track", "a", {"email": "not an address"}], ["track", "b", {"email": 42}],
                 ["track", "c", {"email": {"address": "bob@example.com"}}], ["track", "d", {"email": ["bob@example.com"]}],
                 ["track", "e", {"email": null}], ["track", "f", {"invitee_email": "bob@example.com"}]]""");
        assertEquals(0, klaviyo.tab.klaviyoAsked);
    }

    @Test
    void aTrackThatSendsNothingSendsNoIdentify() {
        Recorder klaviyo = new Recorder(ON)
                .track("{\"userId\": \"ann@example.com\"}")
                .track("{\"event\": \"\", \"properties\": {\"email\": \"bob@example.com\"}}");
        klaviyo.sent("[]");
        assertEquals(0, klaviyo.tab.memoryWrites);
        assertEquals(0, klaviyo.tab.klaviyoAsked);
    }

    @Test
    void anIdentifyThatSendsNothingLeavesTheBrowserAnonymous() {
        // With enforceEmail an identify without an email sends nothing: the browser is not identified.
        new Recorder(ON_ENFORCING_EMAIL).identify("{\"userId\": \"u1\"}").track(INVITED_BOB)
                .sent("[[\"identify\", {\"$email\": \"bob@example.com\"}], " + INVITED_BOB_SENT + "]");
    }

    @Test
    void forgetClearsWhatThePageAndTheTabKnowOfTheVisitor() {
        Recorder klaviyo = new Recorder(ON).track(ANN_SIGNS_UP).forget();
        assertFalse(klaviyo.tab.remembered);
        klaviyo.track(ANN_SIGNS_UP).track(INVITED_BOB);
        String annIdentified = "[\"identify\", {\"$id\": \"ann@example.com\", \"$email\": \"ann@example.com\"}]";
        klaviyo.sent("[" + annIdentified + ", " + ANN_SIGNED_UP + ", " + annIdentified + ", " + ANN_SIGNED_UP + ", "
                + INVITED_BOB_SENT + "]");
        klaviyo.forget().track(INVITED_BOB);
        assertEquals(1, klaviyo.tab.klaviyoAsked, "after the second forget only");
    }

    @Test
    void offByDefaultATrackSendsWhatItAlwaysSent() {
        Recorder klaviyo = new Recorder()
                .track(ANN_SIGNS_UP)
                .track(INVITED_BOB)
                .identify("{\"userId\": \"u1\", \"traits\": {\"email\": \"ann@example.com\"}}");
        klaviyo.sent("[" + ANN_SIGNED_UP + ", " + INVITED_BOB_SENT
                + ", [\"identify\", {\"$id\": \"u1\", \"$email\": \"ann@example.com\"}]]");
        assertEquals(0, klaviyo.tab.asked + klaviyo.tab.memoryWrites,
                "off, the tab is never read nor written, and Klaviyo never asked");
    }

    @Test
    void offByDefaultItCostsNoPortCall() {
        String track = "{\"event\": \"Viewed Page\", \"userId\": \"ann@example.com\", \"properties\":"
                + " {\"revenue\": 9.5, \"email\": \"bob@example.com\", \"tags\": [\"a\", \"b\"]}}";
        String identify = "{\"userId\": \"id\", \"traits\": {\"email\": \"name@example.com\", \"firstName\": \"first\"}}";
        Recorder off = new Recorder();
        int trackCalls = off.track(track).lastCalls;
        int identifyCalls = off.identify(identify).lastCalls;
        Recorder plain = new Recorder();
        assertEquals(plain.track(track.replace("ann@example.com", "u1")).lastCalls, trackCalls);
        assertTrue(trackCalls <= 6, "track: " + trackCalls + " port calls");
        assertTrue(identifyCalls <= 12, "identify: " + identifyCalls + " port calls");
        // On: an email userId costs an email test, its text, a lookup of no traits (find and kinds),
        // the profile and the command.
        Recorder on = new Recorder(ON);
        assertEquals(trackCalls + 6, on.track(track).lastCalls);
        assertEquals(identifyCalls + 1, on.identify(identify).lastCalls, "the email's text");
    }
}
