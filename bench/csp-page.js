// The page of bench/csp-check.mjs: records what the check needs in window.cspCheck (CSP violations,
// errors, the destination's debug lines, Klaviyo's commands), then runs the demo's flow and posts
// the record to /results once analytics.ready() has fired and the calls had time to arrive.
(function () {
  var record = window.cspCheck = { violations: [], errors: [], log: [], ready: false };
  document.addEventListener('securitypolicyviolation', function (e) {
    record.violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
  });
  window.addEventListener('error', function (e) { record.errors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { record.errors.push('unhandled rejection: ' + e.reason); });
  var log = console.log;
  console.log = function () {
    record.log.push([].slice.call(arguments).map(function (a) {
      return typeof a == 'string' ? a : JSON.stringify(a);
    }).join(' '));
    return log.apply(console, arguments);
  };
  localStorage.setItem('debug', 'analytics:Klaviyo');

  // The site's own default policy, for the scripts that set a plain string as a script's src
  // (Segment's snippet, Analytics Next's chunks and classic destinations): Segment's paths on this
  // origin, nothing else. Klaviyo's script can only come through the destination's policy.
  trustedTypes.createPolicy('default', {
    createScriptURL: function (url) {
      var u = new URL(url, location.href);
      return u.origin == location.origin && /^\/(analytics\.js|analytics-next|next-integrations)\//.test(u.pathname)
        ? url : null;
    }
  });

  // Segment's snippet (5.2.x), as the demo has it: Analytics Next from this origin, Segment.io off.
  var analytics = window.analytics = [];
  analytics.invoked = true;
  analytics.methods = ['identify', 'track', 'page', 'group', 'ready', 'reset', 'alias'];
  analytics.factory = function (method) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      args.unshift(method);
      analytics.push(args);
      return analytics;
    };
  };
  analytics.methods.forEach(function (m) { analytics[m] = analytics.factory(m); });
  analytics.load = function (key, options) {
    var script = document.createElement('script');
    script.async = true;
    script.src = analytics._cdn + '/analytics.js/v1/' + key + '/analytics.min.js';
    document.head.appendChild(script);
    analytics._loadOptions = options;
  };
  analytics._writeKey = 'csp';
  analytics._cdn = location.origin;
  analytics.SNIPPET_VERSION = '5.2.1';
  analytics.load('csp', { integrations: { 'Segment.io': false } });
  analytics.page();
  var posted = false;
  function post() {
    if (posted) return;
    posted = true;
    record.commands = window.klaviyoStandIn ? window.klaviyoStandIn.commands : [];
    fetch('/results', { method: 'POST', body: JSON.stringify(record) });
  }
  analytics.ready(function () {
    record.ready = true;
    window.analytics.identify('csp-user', { email: 'csp@example.com' });
    window.analytics.track('Checked under a strict CSP', { revenue: 1 });
    setTimeout(post, 1500);
  });
  // A page whose ready never fires is reported too (past the destination's loadTimeout, 10 s).
  setTimeout(post, 15000);
})();
