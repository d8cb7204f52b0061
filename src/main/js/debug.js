/*
 * The debug log, as analytics.js has it: on when localStorage.debug enables analytics:Klaviyo as the
 * debug module reads it (names separated by commas or spaces, * for anything, a leading - to
 * exclude; for example analytics:*), silent otherwise. https://github.com/debug-js/debug#wildcards
 */
var DEBUG_NAMESPACE = 'analytics:Klaviyo';

/** Read when a destination is made. Reading localStorage throws where storage is blocked. */
function debugEnabled() {
  var on = false;
  try {
    String(window.localStorage.getItem('debug') || '').split(/[\s,]+/).forEach(function (p) {
      var skip = p.charAt(0) == '-';
      if (skip) p = p.slice(1);
      var pattern = '^' + p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$';
      if (p && new RegExp(pattern).test(DEBUG_NAMESPACE)) on = skip ? null : on !== null;
    });
  } catch (e) {
    // No storage, no debugging.
  }
  return !!on;
}

function debugPrint(message, value) {
  try {
    if (value === null) console.log(DEBUG_NAMESPACE, message);
    else console.log(DEBUG_NAMESPACE, message, value);
  } catch (e) {
    // A page without a console.
  }
}
