/*
 * Consent and logout: the effects. Java decides (core/Consent.java: which categories apply, whether a
 * message passes, when a consent event grants or revokes; core/Logout.java: what a logout clears), and
 * the destination carries its decisions out through the functions here (docs/consent-and-logout.md).
 */
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
    if (!host._r) host.analytics.on('reset', function () {
      klaviyoGuard(logOutDestination, d);
    });
    host._r = 1;
  } catch (e) {
    // No analytics instance, or one without events.
  }
}
