/*
 * Trusted Types: on a page whose Content-Security-Policy has require-trusted-types-for 'script', a
 * script's src takes no plain string, only what a policy the CSP allows makes. Ours is
 * klaviyo-destination (the site allows it with `trusted-types klaviyo-destination`), made once per
 * page, and it makes nothing but the Klaviyo onsite address the loader builds. Where the CSP does not
 * allow it, the plain address is tried: a CSP may list policy names without requiring Trusted Types
 * for scripts, and a site's default policy may let Klaviyo's address through. Only when the browser
 * refuses that too does the destination give up (loader.js, klaviyoInsert).
 * https://developer.mozilla.org/en-US/docs/Web/API/Trusted_Types_API
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/trusted-types
 */
/** undefined until needed; then the policy, or null: no Trusted Types, or a CSP that does not allow ours. */
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

/**
 * What to set a script's src to for Klaviyo's onsite URL: a TrustedScriptURL from our policy where the
 * page allows it, else the URL itself, which a page enforcing Trusted Types refuses (the setter throws).
 */
function trustedScriptURL(url) {
  if (trustedPolicy === void 0) {
    try {
      var t = window.trustedTypes;
      trustedPolicy = t && typeof t.createPolicy == 'function'
        ? t.createPolicy('klaviyo-destination', { createScriptURL: trustedKlaviyoURL }) : null;
    } catch (e) {
      // The CSP does not name our policy (or allows it once, and it is made).
      trustedPolicy = null;
    }
  }
  return trustedPolicy ? trustedPolicy.createScriptURL(url) : url;
}
