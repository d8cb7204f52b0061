/*
 * Klaviyo's cookies, for consent and logout (browser/KlaviyoCookies.java). Klaviyo's script keeps the
 * browser's identity in __kla_id (up to two years) and reads __kla_off=true, when it starts, as
 * "tracking off", so a change shows from the next page on.
 * https://help.klaviyo.com/hc/en-us/articles/360034666712
 */

/**
 * mode 0: __kla_off deleted (tracking on). 1: __kla_off=true for a year, __kla_id deleted for this
 * host and its parent domain (Klaviyo may set it for either). 2: __kla_id deleted likewise, and a
 * running Klaviyo asked to forget the identity it holds (clearIdentity, on _learnq once it runs).
 */
function klaviyoCookies(mode) {
  try {
    var h = location.hostname, c = '; path=/; SameSite=Lax; max-age=';
    if (mode < 2) document.cookie = '__kla_off=' + (mode ? 'true' + c + 31536000 : c + 0);
    if (mode) {
      ['', h, h.replace(/^[^.]*\./, '')].forEach(function (d) {
        document.cookie = '__kla_id=' + c + 0 + (d && '; domain=' + d);
      });
      if (mode > 1) window._learnq.clearIdentity();
    }
  } catch (e) {
    // Cookies blocked (a sandboxed frame), or no Klaviyo running: nothing more to forget.
  }
}

/**
 * Calls destination d's logout when the host's analytics instance emits reset (Analytics Next's
 * analytics.reset()), once per host; analytics.js-core has no such event. The destination does
 * nothing without consent categories.
 */
function klaviyoOnReset(host, d) {
  try {
    if (!host._r) klaviyoAnalytics(host).on('reset', function () { klaviyoGuard(klaviyoLogout, d); });
    host._r = 1;
  } catch (e) {
    // No analytics instance, or one without events.
  }
}
