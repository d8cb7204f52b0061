/*
 * Whether this browser is identified to Klaviyo, as far as the page can tell (browser/TabIdentity.java),
 * for a track keyed by email: this tab's memory of an identify it sent (sessionStorage through
 * storage.js: it lasts across the tab's page loads, and falls back to memory for the page), else
 * Klaviyo's own answer. Once Klaviyo's script runs, _learnq.isIdentified() gives it at once (the
 * klaviyo object's answer is a Promise, too late for a message being mapped).
 * https://developers.klaviyo.com/en/docs/javascript_api
 */
var IDENTITY_KEY = 'klaviyo:identified';

function identityKnown() {
  try {
    return storageGet('session', IDENTITY_KEY) === true || window._learnq.isIdentified() === true;
  } catch (e) {
    // Before Klaviyo's script runs, _learnq has no isIdentified: no answer is no.
    return false;
  }
}

/** Remembers for this tab that it sent an identify with an identifier (true), or forgets it. */
function identityRemember(sent) {
  storageSet('session', IDENTITY_KEY, sent || void 0);
}
