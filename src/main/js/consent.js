/*
 * Consent in front of the destination, and logout (docs/consent-and-logout.md).
 *
 * Segment's consent tools stamp every event with context.consent.categoryPreferences, the visitor's
 * choice per consent category, and keep a destination whose categories are not all granted from
 * loading (opt-in) or drop its events (opt-out). They never filter a plugin, and never stop a loaded
 * destination when consent is revoked. So, when the destination has consent categories, every message
 * is checked here before it reaches it: one whose preferences leave a category not true is dropped;
 * one without preferences passes, as with Segment. The destination starts with the first message
 * consent lets through (normally the first page call), so a visitor who denied gets no Klaviyo script.
 * https://segment.com/docs/privacy/consent-management/consent-in-segment-connections/
 *
 * Klaviyo's script keeps the browser's identity in the __kla_id cookie (up to two years) and reads
 * __kla_off=true, when it starts, as "tracking off": a change shows from the next page on.
 * https://help.klaviyo.com/hc/en-us/articles/360034666712
 *
 * Without categories the consent check does not run: the destination behaves as it always has. A
 * logout (klaviyoOnReset) runs with or without them.
 */
var KLAVIYO_CONSENT_EVENT = 'Segment Consent Preference Updated';

/**
 * A destination's consent state, or undefined when it has no categories. The categories are its CDN
 * settings' consentSettings.categories (the field the consent tools read), else its setting
 * consentCategories: the first that is a non-empty array, copied. n tells the host about the
 * lifecycle, as the destination's notifier does; l: whether the debug log is on, read now as the
 * destination reads it; v is what the page heard: 1 granted, 2 revoked.
 */
function klaviyoConsent(s, n) {
  try {
    var k = portRead(portRead(s, 'consentSettings'), 'categories');
    if (!Array.isArray(k) || !k.length) k = portRead(s, 'consentCategories');
    if (Array.isArray(k) && k.length) return { k: k.slice(0, 1000), n: n, l: debugEnabled() };
  } catch (e) {
    // Settings that throw when read have no categories.
  }
}

/**
 * Whether message m (of this type) may reach destination d, whose consent state is c, acting on what
 * its preferences say. Called inside klaviyoMessage's guard (so it calls Java directly): a message
 * whose consent cannot be read (a getter that throws) is dropped.
 * - Segment's consent event is never sent. When it denies a category, consent is revoked: what a
 *   logout does is done (core/Logout.java), nothing more is sent until a grant, and __kla_off=true is
 *   set for a year.
 * - The first grant the page hears deletes __kla_off, before Klaviyo's script may load.
 * - A message that passes starts d (once: start does nothing after the first). One that does not
 *   tells the host that d is ready, so that analytics.ready() does not wait for Klaviyo.
 */
function klaviyoConsented(c, d, type, m) {
  m = m || 0;
  var p = ((m.context || 0).consent || 0).categoryPreferences, e = m.event === KLAVIYO_CONSENT_EVENT,
    g = portKind(p) == 6 && (c.k.every(function (k) { return p[k] === true; }) ? 1 : 2);
  if (g == 1 && c.v != 1) {
    c.v = 1;
    klaviyoCookie('__kla_off', '', 0);
  }
  if (g > 1 && e) {
    c.v = 2;
    logOutDestination(d);
    subscriptionsCancel();
    klaviyoCookie('__kla_off', 'true', 31536000);
  }
  if (g > 1 || c.v > 1) {
    if (c.l) debugPrint('dropped, no consent:', type);
    c.n('ready');
    return false;
  }
  startDestination(d);
  return !e;
}

/** Sets a cookie for the whole site (max-age in seconds; 0 deletes it), with a domain unless d is empty. */
function klaviyoCookie(name, value, maxAge, d) {
  document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + (d ? '; domain=' + d : '') + (maxAge ? '; SameSite=Lax' : '');
}

/**
 * A logout: when the host's analytics instance emits reset (Analytics Next's analytics.reset();
 * analytics.js-core has no such event), destination d logs out (core/Logout.java says what goes),
 * with or without consent categories. Listens once per host.
 */
function klaviyoOnReset(host, d) {
  try {
    if (!host._r) klaviyoAnalytics(host).on('reset', function () {
      klaviyoGuard(logOutDestination, d);
    });
    host._r = 1;
  } catch (e) {
    // No analytics instance, or one without events.
  }
}
