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
 * with or without consent categories, after the calls made before the reset (core/LogoutOrder.java
 * decides when). Analytics Next emits reset at once and delivers those calls later; what it gives
 * tells them apart: each call starts with dispatch_start, and its queue says message_delivered (or
 * delivery_failure) once every destination had it; the calls after a reset have a new anonymousId.
 * Each call is told to d as it is made, too, until d says it needs to hear no more (the debug log
 * says when calls come before the first page call). Listens once per host.
 */
function klaviyoOnReset(host, d) {
  var a, open = [], before = [], last, calls = true;
  try {
    if (host._r) return;
    a = host.analytics;
    a.on('reset', function () {
      var after;
      try {
        after = a.user().anonymousId();
      } catch (e) {
        // No user: the logout runs at once.
      }
      before = open.slice();
      klaviyoGuard(logOutDestination, d, last, after, before.length > 0);
    });
    host._r = 1;
    a.queue.on('message_delivered', through);
    a.queue.on('delivery_failure', through);
    a.on('dispatch_start', function (ctx) {
      var e = portRead(ctx, 'event');
      open.push(ctx);
      last = portRead(e, 'anonymousId');
      // Only while Java still wants to hear of calls: not on every call of the page.
      if (calls) calls = !!klaviyoGuard(hostCalled, d, portRead(e, 'type'));
    });
  } catch (e) {
    // No analytics instance, or one without events.
  }
  function through(ctx) {
    var i = open.indexOf(ctx), j = before.indexOf(ctx);
    if (i >= 0) open.splice(i, 1);
    if (j >= 0) {
      before.splice(j, 1);
      if (!before.length) klaviyoGuard(callsBeforeResetThrough, d);
    }
  }
}
