/*
 * Klaviyo's onsite script and its command queue, window._learnq. Before the script runs, _learnq is
 * a plain array it drains on load; once it runs, Klaviyo's push handles each command at once. That
 * takeover is the sign of life the destination waits for.
 * https://developers.klaviyo.com/en/docs/javascript_api
 */
var KLAVIYO_SCRIPT = 'https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=';
/** The account keys this bundle gave Klaviyo on this page: each once, however many destinations. */
var klaviyoAccounts = [];

/** Whether Klaviyo's script has taken over _learnq: it runs on this page. */
function klaviyoRunning() {
  try {
    var q = window._learnq;
    return !!q && typeof q.push == 'function' && q.push !== Array.prototype.push;
  } catch (e) {
    return false;
  }
}

/** Whether the page already has Klaviyo's onsite script, ours or a store platform's. */
function klaviyoPresent() {
  try {
    return !!document.querySelector('script[src*="static.klaviyo.com/onsite/js/"]');
  } catch (e) {
    return false;
  }
}

/**
 * Inserts Klaviyo's onsite script, asynchronous, and tells the destination when it loads or fails.
 * The key is URL-encoded into company_id: it cannot add markup or parameters.
 */
function klaviyoInsert(key, d) {
  var s = document.createElement('script');
  s.async = true;
  s.src = trustedScriptURL(KLAVIYO_SCRIPT + encodeURIComponent(key));
  s.onload = function () { klaviyoGuard(pollDestination, d); };
  s.onerror = function () { klaviyoGuard(scriptFailed, d); };
  (document.head || document.documentElement).appendChild(s);
}

/** Pushes ['account', key] onto _learnq, creating the array Klaviyo drains when it loads. */
function klaviyoAccount(key) {
  if (klaviyoAccounts.indexOf(key) >= 0) return;
  klaviyoAccounts.push(key);
  try {
    var q = window._learnq;
    if (!q || typeof q.push != 'function') q = window._learnq = [];
    q.push(['account', key]);
  } catch (e) {
    // A page that made _learnq read-only has no Klaviyo of ours.
  }
}

/** Hands a command to the running Klaviyo. */
function klaviyoPush(c) {
  try {
    window._learnq.push(c);
  } catch (e) {
    // Klaviyo's own failure is not the page's.
  }
}

/** Adds a command to a bounded queue; false when that pushed the oldest out. */
function klaviyoQueueAdd(a, c, limit) {
  a.push(c);
  if (a.length <= limit) return true;
  a.shift();
  return false;
}

/** Hands a queue's commands to Klaviyo, oldest first, including any added meanwhile. */
function klaviyoDeliver(a) {
  while (a.length) klaviyoPush(a.shift());
}

function klaviyoPoll(d, ms) {
  setTimeout(function () { klaviyoGuard(pollDestination, d); }, ms);
}
