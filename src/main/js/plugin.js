/*
 * Klaviyo.plugin(settings): a destination plugin for Analytics Next's analytics.register(...).
 * ctx.event is the raw message. Analytics Next does not await load, so the destination queues by
 * itself until Klaviyo's script runs.
 * https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/#plugin-architecture
 */
Klaviyo.plugin = function (settings) {
  var done, settled = new Promise(function (r) { done = r; }), loaded = false;
  var d = klaviyoGuard(newDestination, function (e) {
    if (e == 'ready') done();
  }, settings);
  function hook(type) {
    return function (ctx) {
      klaviyoMessage(d, type, ctx, 'event');
      return Promise.resolve(ctx);
    };
  }
  return {
    name: 'Klaviyo',
    type: 'destination',
    version: KLAVIYO_VERSION,
    isLoaded: function () { return loaded; },
    load: function () {
      loaded = true;
      klaviyoGuard(startDestination, d);
      return Promise.resolve();
    },
    ready: function () { return settled; },
    identify: hook('identify'),
    track: hook('track'),
    page: hook('page'),
    group: hook('group'),
    alias: hook('alias')
  };
};
