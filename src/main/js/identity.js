/*
 * What the browser can tell of who the visitor is, for browser/TabIdentity.java; core/TrackByEmail.java
 * decides what it means. The tab's memory of an identify it sent lives in sessionStorage (through
 * storage.js: it lasts across the tab's page loads, and falls back to memory for the page). Klaviyo's
 * running script answers _learnq.isIdentified() at once (the klaviyo object's answer is a Promise,
 * too late for a message being mapped).
 * https://developers.klaviyo.com/en/docs/javascript_api
 */
var IDENTITY_KEY = 'klaviyo:identified';

function identityRemembered() {
  return storageGet('session', IDENTITY_KEY) === true;
}

function identityKlaviyoSays() {
  try {
    return window._learnq.isIdentified() === true;
  } catch (e) {
    // Before Klaviyo's script runs, _learnq has no isIdentified.
    return false;
  }
}

/** Writes the tab's memory: true, or nothing (removed). */
function identityRemember(sent) {
  storageSet('session', IDENTITY_KEY, sent || void 0);
}
