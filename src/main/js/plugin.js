/*
 * Klaviyo.plugin(settings): a destination plugin for Analytics Next's analytics.register(...).
 * ctx.event is the raw message. Analytics Next does not await load, so the destination queues by
 * itself until Klaviyo's script runs.
 * https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/#plugin-architecture
 */
Klaviyo.plugin = function (settings) {
  var done, settled = new Promise(function (r) { done = r; }), loaded = false, d, c;
  function notify(e) {
    if (e == 'ready') done();
  }
  function hook(type) {
    return function (ctx) {
      klaviyoMessage(d, type, ctx, 'event', c);
      return Promise.resolve(ctx);
    };
  }
  var plugin = {
    name: 'Klaviyo',
    type: 'destination',
    version: KLAVIYO_VERSION,
    isLoaded: function () { return loaded; },
    // Analytics Next hands over its analytics instance here; the plugin keeps it as an integration
    // does, in plugin.analytics (see klaviyoAnalytics in integration.js).
    load: function (ctx, analytics) {
      plugin.analytics = analytics;
      loaded = true;
      klaviyoOnReset(plugin, d);
      // With consent categories, the first message consent lets through starts it (consent.js), and
      // Analytics Next need not wait for that.
      if (c) done();
      else klaviyoGuard(startDestination, d);
      return Promise.resolve();
    },
    ready: function () { return settled; },
    identify: hook('identify'),
    track: hook('track'),
    page: hook('page'),
    group: hook('group'),
    alias: hook('alias')
  };
  d = klaviyoGuard(newDestination, notify, settings, plugin);
  c = klaviyoConsent(settings, notify);
  return plugin;
};
