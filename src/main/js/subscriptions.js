/*
 * Klaviyo's Create Client Subscription, made from the page with the public key in the address only:
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 * Java decides whether to subscribe, to which list, with which channels, the request's body and the
 * subscription's key (core/Subscription.java); and whether to send it, when to try again and what to remember
 * (core/SubscriptionPolicy.java). Here are the request, its timers, and the marks in localStorage.
 */
var SUBSCRIPTIONS_URL = 'https://a.klaviyo.com/client/subscriptions?company_id=';
/** The API revision the request is written for, pinned: Klaviyo keeps a revision working for two years. */
var SUBSCRIPTIONS_REVISION = '2025-01-15';
/** The localStorage keys of the subscriptions: this prefix and a hash, never an address. */
var SUBSCRIPTIONS_KEY = 'klaviyo_subscribed_';
/** The subscriptions this page is making, by mark: {t: the timer of the attempt it waits for}. */
var subscriptionsUnderWay = Object.create(null);
/**
 * The marks of the subscriptions given up on this page: Klaviyo refused them, or they failed after
 * every attempt (marks have a prefix: no name of Object's).
 */
var subscriptionsRefused = {};

/**
 * Sends the subscription's body, as Java made it (core/Subscription.java), with the public apiKey,
 * unless Java says not to: false then.
 *
 * The mark, the localStorage key that remembers it, is the subscription's key (Java's JSON array of
 * what makes it one) hashed, so that storage never holds the address: 32-bit FNV-1a, in base 36. A
 * browser keeps a handful, so a mix-up of two is about as likely as one in a billion. It hides the
 * address from a glance at storage, not from someone who tries addresses they already know. Each
 * attempt first writes the time in the mark, so that no other page or tab sends it meanwhile; Java's
 * answer to each response says what comes next (SubscriptionPolicy.DONE, REFUSED, FAILED, else a wait:
 * src/build/bundle.mjs writes in the number of each Java constant the shell names).
 */
function subscriptionsRequest(apiKey, key, body) {
  for (var text = JSON.stringify(key), h = 0x811c9dc5, i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  var mark = SUBSCRIPTIONS_KEY + (h >>> 0).toString(36), stored = storageGet('local', mark), attempt = 0, request = {},
    url = SUBSCRIPTIONS_URL + encodeURIComponent(apiKey), json = JSON.stringify(body);
  if (!subscriptionMayStart(+stored || 0, !!subscriptionsRefused[mark], !!subscriptionsUnderWay[mark], Date.now())) return false;
  subscriptionsUnderWay[mark] = request;
  // r: the response, none for a network error. A revocation takes the request off the page (live
  // false): then only an acceptance is still recorded.
  function answered(r) {
    var status = (r && r.status) | 0, after, live = subscriptionsUnderWay[mark] === request, next;
    try {
      after = r.headers.get('retry-after');
    } catch (e) {
      // No response, or no headers: no Retry-After.
    }
    // Seconds or an HTTP date: https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
    next = subscriptionNext(attempt++, status, /^\d+$/.test(after) ? after * 1000 : Date.parse(after) - Date.now(),
      Math.random());
    if (next >= 0) {
      if (live) request.t = setTimeout(function () { send(); }, next);
      return;
    }
    if (live) delete subscriptionsUnderWay[mark];
    // Refused, or failed after the last attempt: given up for the page.
    if (next != SubscriptionPolicy.DONE) subscriptionsRefused[mark] = 1;
    if (next == SubscriptionPolicy.DONE || live) {
      storageSet('local', mark, next == SubscriptionPolicy.DONE ? SubscriptionPolicy.MADE : void 0);
    }
    if (next != SubscriptionPolicy.DONE && debugEnabled()) debugPrint('subscription failed:', status);
  }
  // fetch with keepalive: a subscription made just before the page unloads still completes. Where
  // there is no fetch (older browsers), it fails as the network would.
  function send() {
    storageSet('local', mark, Date.now());
    try {
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json', revision: SUBSCRIPTIONS_REVISION },
        body: json,
        keepalive: true
      }).then(function (r) { klaviyoGuard(answered, r); }, function () { klaviyoGuard(answered); });
    } catch (e) {
      setTimeout(function () { klaviyoGuard(answered); });
    }
  }
  send();
  return true;
}

/** A consent revocation: the subscriptions under way are not tried again, and their pending marks go. */
function subscriptionsCancel() {
  for (var mark in subscriptionsUnderWay) {
    clearTimeout(subscriptionsUnderWay[mark].t);
    storageSet('local', mark);
  }
  subscriptionsUnderWay = Object.create(null);
}
