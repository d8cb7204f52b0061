/*
 * A stand-in for Klaviyo's onsite script (static.klaviyo.com/onsite/js/klaviyo.js), served in its
 * place by the tests and the demo. It behaves like Klaviyo's queue: when it loads it drains the
 * commands already pushed onto window._learnq, then replaces _learnq with an object whose push
 * handles each command at once. Like the real script it refuses to run twice on a page.
 *
 * Every command is recorded in window.klaviyoStandIn.commands as JSON text, so a command that is not
 * plain JSON (a cycle, a BigInt) fails loudly, and announced with a 'klaviyo-standin:command' event.
 */
(function () {
  if (window.klaviyoStandIn && window.klaviyoStandIn.running) {
    window.klaviyoStandIn.refusedLoads++;
    if (window.console) console.warn('[Klaviyo stand-in] already running on this page; not loading twice');
    return;
  }
  var record = window.klaviyoStandIn = window.klaviyoStandIn || { commands: [], errors: [], refusedLoads: 0 };
  record.running = true;
  record.scriptUrl = document.currentScript ? document.currentScript.src : null;

  function handle(command) {
    var json;
    try {
      if (!Array.isArray(command)) throw new Error('a command must be an array');
      json = JSON.stringify(command);
      JSON.parse(json);
    } catch (e) {
      record.errors.push(String(e && e.message || e));
      return;
    }
    record.commands.push(json);
    try {
      var event = document.createEvent('CustomEvent');
      event.initCustomEvent('klaviyo-standin:command', false, false, json);
      window.dispatchEvent(event);
    } catch (e) {
      // Announcing is for the demo's panel only.
    }
  }

  var queued = Array.isArray(window._learnq) ? window._learnq : [];
  window._learnq = { push: function () { for (var i = 0; i < arguments.length; i++) handle(arguments[i]); return 1; } };
  for (var i = 0; i < queued.length; i++) handle(queued[i]);
})();
