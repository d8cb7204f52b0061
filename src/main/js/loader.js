/*
 * Klaviyo's onsite script and how commands reach it. Klaviyo's current API is the `klaviyo` object:
 * before the script runs, a stub queues its commands in window._klOnsite. The older queue,
 * window._learnq, is still read: the script forwards the object's commands to the _learnq it finds
 * when it starts, or to an array nobody reads when the page had none by then. So the account waits
 * in the klaviyo object until the script runs, and from then on every command goes on _learnq,
 * which the running script handles at once.
 * https://developers.klaviyo.com/en/docs/introduction_to_the_klaviyo_object
 * https://developers.klaviyo.com/en/docs/javascript_api
 *
 * The sign that the script runs is its answer to ['account', key, callback]: Klaviyo calls the
 * callback when it has handled the command.
 */

/** Per account key this bundle announced: the destinations waiting for Klaviyo's answer, or true once it came. */
var klaviyoAccounts = new Map();

/**
 * The address of Klaviyo's script for a key, as Klaviyo gives it to sites. The key is URL-encoded,
 * so it stays inside its path segment and its parameter; a key of "." or "..", a dot segment however
 * it is encoded, takes Klaviyo's older address, which has the key in company_id alone.
 */
function klaviyoScriptUrl(key) {
  var k = encodeURIComponent(key);
  return 'https://static.klaviyo.com/onsite/js/' + (/^\.\.?$/.test(k) ? '' : k + '/') + 'klaviyo.js?company_id=' + k;
}

/**
 * Whether Klaviyo's script took over a queue: its _loaded flag, or its identify method (Klaviyo's own
 * check), read as the port reads (a getter that throws gives undefined).
 */
function klaviyoTook(q) {
  return !!q && (portRead(q, '_loaded') === true || typeof portRead(q, 'identify') == 'function');
}

/** Whether Klaviyo's script runs on this page: it took over _learnq. */
function klaviyoRunning() {
  return klaviyoTook(portRead(window, '_learnq'));
}

/** Klaviyo's onsite script on the page (either address), ours or a store platform's, or null. */
function klaviyoScriptTag() {
  try {
    return document.querySelector('script[src*="static.klaviyo.com/onsite/js/"]');
  } catch (e) {
    return null;
  }
}

/** Whether the page already has Klaviyo's onsite script. */
function klaviyoPresent() {
  return !!klaviyoScriptTag();
}

/**
 * Inserts Klaviyo's onsite script, asynchronous. False, and nothing inserted, when the page's Trusted
 * Types refuse its address (trusted-types.js).
 */
function klaviyoInsert(key) {
  var s = document.createElement('script');
  try {
    s.src = trustedScriptURL(klaviyoScriptUrl(key));
  } catch (e) {
    return false;
  }
  s.async = true;
  s.onload = klaviyoAdopt;
  (document.head || document.documentElement).appendChild(s);
  return true;
}

/**
 * Destination d hears if Klaviyo's script on the page fails to load (blocked, or not there), whoever
 * inserted it (this bundle for another destination, another copy of it, a store platform), or at once
 * if it has failed already: the tag keeps that (_klaviyoFailed), for the destinations that come later.
 */
function klaviyoWatch(d) {
  var s = klaviyoScriptTag();
  function failed() {
    s._klaviyoFailed = 1;
    klaviyoGuard(klaviyoFailed, d, "Klaviyo's script failed to load");
  }
  try {
    if (s._klaviyoFailed) failed();
    else s.addEventListener('error', failed);
  } catch (e) {
    // No tag: nothing to hear.
  }
}

/**
 * Announces an account to Klaviyo, once per key however many destinations, and tells destination d
 * when Klaviyo answers (at once if it has). First it makes sure of what Klaviyo's script reads when it
 * starts: a _learnq array, and a klaviyo object (the page's own, else Klaviyo's stub).
 */
function klaviyoAccount(key, d) {
  var w = window, waiting = klaviyoAccounts.get(key);
  if (waiting === true) return klaviyoGuard(klaviyoAnswered, d);
  if (waiting) return waiting.push(d);
  klaviyoAccounts.set(key, waiting = [d]);
  try {
    if (!Array.isArray(w._learnq)) w._learnq = [];
    if (!w.klaviyo) klaviyoStub(w);
  } catch (e) {
    // A page that made them read-only: commands go nowhere, and the destination gives up in time.
  }
  klaviyoPush(['account', key, function () {
    // First, so that the queue delivered below goes without the account again; guarded, so that a
    // page that made the global read-only costs only that, never the destinations' readiness.
    try {
      window._klaviyoAccount = key;
    } catch (e) {
      // Commands then hand the account over again, which Klaviyo takes.
    }
    klaviyoAccounts.set(key, true);
    waiting.forEach(function (d) { klaviyoGuard(klaviyoAnswered, d); });
  }]);
}

/**
 * Klaviyo's stub, as its snippet makes it but from inside the bundle (no inline script): push appends
 * to window._klOnsite; each method queues [method, ...arguments, callback] there and returns a
 * Promise of the result, which Klaviyo's script hands to the callback.
 */
function klaviyoStub(w) {
  function push() { var q = w._klOnsite; q.push.apply(q, arguments); }
  w._klOnsite = w._klOnsite || [];
  w.klaviyo = new Proxy({}, { get: function (o, m) {
    return m == 'push' ? push : function () {
      var a = [].slice.call(arguments), f = typeof a[a.length - 1] == 'function' ? a.pop() : 0;
      return new Promise(function (r) { push([m].concat(a, [function (v) { if (f) f(v); r(v); }])); });
    };
  } });
}

/**
 * The one place commands go to Klaviyo: on _learnq once its script runs, else to the klaviyo object.
 * Which account goes first is Java's (core/KlaviyoAccount.java, through browser/KlaviyoScript.java).
 */
function klaviyoPush(c) {
  try {
    (klaviyoRunning() ? window._learnq : window.klaviyo).push(c);
  } catch (e) {
    // Klaviyo's own failure is not the page's.
  }
}

/**
 * Asks Klaviyo's running script to forget the identity it holds for the page: _learnq.clearIdentity,
 * which its script has but Klaviyo does not document. Before the script runs there is none.
 */
function klaviyoClearIdentity() {
  try {
    window._learnq.clearIdentity();
  } catch (e) {
    // Not running yet: the cookie was all it had.
  }
}

/** An older Klaviyo never reads _klOnsite: once it runs on _learnq, what waits in _klOnsite goes there. */
function klaviyoAdopt() {
  try {
    var w = window, o = w._klOnsite;
    if (klaviyoRunning() && !klaviyoTook(o)) while (o && o.length) w._learnq.push(o.shift());
  } catch (e) {
    // As in klaviyoPush.
  }
}

/**
 * Tells destination d when loadTimeout has passed, so that it tells the host it is ready unless
 * Klaviyo answered; an older Klaviyo a platform added, which runs by then, still answers.
 */
function klaviyoWait(d, ms) {
  setTimeout(function () {
    klaviyoAdopt();
    klaviyoGuard(klaviyoLate, d);
  }, ms);
}
