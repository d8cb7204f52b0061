/*
 * Trusted Types: on a page whose Content-Security-Policy has require-trusted-types-for 'script', a
 * script's src takes no plain string, only what a policy the CSP names makes. Ours is
 * klaviyo-destination (the site allows it with `trusted-types klaviyo-destination`), made once per
 * page, and it makes nothing but the Klaviyo onsite address the loader builds.
 * https://developer.mozilla.org/en-US/docs/Web/API/Trusted_Types_API
 */
/** undefined until needed; then the policy, null without Trusted Types, false when the page forbids ours. */
var trustedPolicy;

/**
 * The policy's only rule: the URL is .../onsite/js/klaviyo.js?company_id=<key> or
 * .../onsite/js/<key>/klaviyo.js?company_id=<key>, the key URL-encoded as encodeURIComponent does it.
 */
function trustedKlaviyoURL(url) {
  var onsite = 'https://static.klaviyo.com/onsite/js/', script = 'klaviyo.js?company_id=';
  var key = String(url).split(script)[1];
  // decodeURIComponent throws on a malformed escape: that is a refusal too.
  if (key && key == encodeURIComponent(decodeURIComponent(key))
      && (url == onsite + script + key || url == onsite + key + '/' + script + key)) return url;
  throw new TypeError('klaviyo-destination: not Klaviyo\'s onsite script');
}

/** Whether this page lets the destination set a script's src: it has no Trusted Types, or allows our policy. */
function trustedTypesAllowed() {
  if (trustedPolicy === void 0) {
    try {
      var t = window.trustedTypes;
      trustedPolicy = t && typeof t.createPolicy == 'function'
        ? t.createPolicy('klaviyo-destination', { createScriptURL: trustedKlaviyoURL }) : null;
    } catch (e) {
      // The CSP does not name our policy (or allows it once, and it is made).
      trustedPolicy = false;
    }
  }
  return trustedPolicy !== false;
}

/** What a script's src accepts for Klaviyo's onsite URL: a TrustedScriptURL where the page has Trusted Types. */
function trustedScriptURL(url) {
  return trustedTypesAllowed() && trustedPolicy ? trustedPolicy.createScriptURL(url) : url;
}
