/*
 * Klaviyo's cookies, for consent and logout (browser/KlaviyoCookies.java). Klaviyo's script keeps the
 * browser's identity in __kla_id (up to two years) and reads __kla_off=true, when it starts, as
 * "tracking off": a change shows from the next page on.
 * https://help.klaviyo.com/hc/en-us/articles/360034666712 (Klaviyo's cookies, __kla_off)
 */
function klaviyoCookie(c) {
  try {
    document.cookie = c + '; path=/; SameSite=Lax';
  } catch (e) {
    // A sandboxed document, cookies turned off: nothing to write.
  }
}

/** Sets __kla_off=true for a year, or deletes it (off false). */
function klaviyoCookieOff(off) {
  klaviyoCookie(off ? '__kla_off=true; max-age=31536000' : '__kla_off=; max-age=0');
}

/**
 * Deletes __kla_id for this host and its parent domain (Klaviyo may set it for either), after
 * asking a running Klaviyo to forget the identity it holds (forget true; its clearIdentity, on _learnq).
 */
function klaviyoCookieForget(forget) {
  try {
    var q = window._learnq, h = location.hostname;
    if (forget && klaviyoRunning() && typeof q.clearIdentity == 'function') q.clearIdentity();
  } catch (e) {
    // Klaviyo's failure is not the page's.
  }
  ['', h, h && h.replace(/^[^.]*\./, '')].forEach(function (d) {
    klaviyoCookie('__kla_id=; max-age=0' + (d ? '; domain=' + d : ''));
  });
}

/** Calls destination d's logout when the host's analytics instance emits reset (Analytics Next's analytics.reset()). */
function klaviyoOnReset(host, d) {
  try {
    klaviyoAnalytics(host).on('reset', function () { klaviyoGuard(klaviyoLogout, d); });
  } catch (e) {
    // No analytics instance, or one without events (analytics.js-core has no reset event).
  }
}
