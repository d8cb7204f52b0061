/*
 * A stand-in for Klaviyo's onsite script (static.klaviyo.com/onsite/js/<key>/klaviyo.js, or the older
 * static.klaviyo.com/onsite/js/klaviyo.js), served in its place by the tests and the demo. It models
 * the current script as the project's reference notes on
 * Klaviyo's onsite JavaScript describe it ("The klaviyo object and its stub", "How the onsite script
 * really treats its queues"): it keeps the page's _learnq and _klOnsite arrays, runs what they hold
 * (account, cookieDomain and identify first), overrides their push, and gives window.klaviyo methods
 * returning Promises unless the page already has a klaviyo object (Klaviyo's stub).
 *
 * A legacy-only Klaviyo: a page that sets window.klaviyoStandInLegacy = true before this script runs
 * gets the _learnq queue alone: no _klOnsite handling and no window.klaviyo.
 *
 * What it records, in window.klaviyoStandIn:
 *   commands      JSON text of every command handled, in the order handled (trailing callback
 *                 functions left out), each also announced with a 'klaviyo-standin:command' event
 *                 on window whose detail is the text;
 *   errors        commands it could not take: not an array, or not plain JSON data;
 *   sent          JSON text of what would have gone to Klaviyo's servers: the identify requests
 *                 and the tracks of an identified browser, ['identify', props] / ['track', name, props];
 *   sentTo        the account (company id) each of those went to, in the same order: the one the
 *                 script was given last when it sent;
 *   lost          JSON text of the commands handed to the klaviyo object (or _klOnsite) that went
 *                 nowhere, because the page had no _learnq array when the script started (see
 *                 objectQueue below); Klaviyo never sees them, the tests do;
 *   cached        tracks of a browser not identified yet, waiting to be sent;
 *   identity      the browser's identity (its identifiers), or null; kept in the __kla_id cookie;
 *   refusedLoads  how many further copies of the script refused to start;
 *   running, scriptUrl.
 * It never makes a request.
 */
(function () {
  var record = window.klaviyoStandIn || (window.klaviyoStandIn = {commands: [], errors: [], refusedLoads: 0});
  record.sent = record.sent || [];
  record.sentTo = record.sentTo || [];
  record.cached = record.cached || [];
  record.lost = record.lost || [];
  var legacy = window.klaviyoStandInLegacy === true;

  // Reference: a second copy of the script refuses to start, the queues' _loaded flags being its check;
  // it warns and skips.
  function loaded(queue) {
    return !!queue && queue._loaded === true;
  }
  if (record.running || loaded(window._learnq) || !legacy && loaded(window._klOnsite)) {
    record.refusedLoads++;
    if (window.console) console.warn('[Klaviyo stand-in] already running on this page; not loading twice');
    return;
  }
  record.running = true;
  record.scriptUrl = document.currentScript ? document.currentScript.src : null;

  var slice = Array.prototype.slice;
  // Reference: Klaviyo's object module remembers window._learnq when it starts, or a fresh array when
  // the page has none; the klaviyo object's commands go there. A page without a _learnq array at this
  // moment gets an array nobody reads: what goes through klaviyo.push or _klOnsite is lost.
  var objectQueue = Array.isArray(window._learnq) ? window._learnq : [];
  // Reference: __kla_off=true is read once, when the script starts; it stops every profile and event
  // request, and the account callback gets null.
  var off = /(?:^|;\s*)__kla_off=true(?:;|$)/.test(document.cookie);
  // Reference: the script's address carries the public key as company_id.
  var companyId = /[?&]company_id=([^&#]*)/.exec(record.scriptUrl || '');
  var account = companyId ? decodeURIComponent(companyId[1]) : null;
  var domain = null;
  var identity = record.identity = readIdentity();

  // --- Recording -----------------------------------------------------------------------------------

  /** Whether JSON.parse(JSON.stringify(value)) gave back the same data: plain JSON, nothing lost. */
  function sameAsJson(value, back) {
    var type = typeof value;
    if (value === null || type == 'string' || type == 'boolean') return value === back;
    if (type == 'number') return isFinite(value) && value === back;
    if (type != 'object' || back === null || typeof back != 'object') return false;
    if (Array.isArray(value)) {
      if (!Array.isArray(back) || back.length != value.length) return false;
      for (var i = 0; i < value.length; i++) if (!sameAsJson(value[i], back[i])) return false;
      return true;
    }
    var proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null || Array.isArray(back)) return false;
    var keys = Object.keys(value);
    if (keys.length != Object.keys(back).length) return false;
    for (var k = 0; k < keys.length; k++) {
      if (!Object.prototype.hasOwnProperty.call(back, keys[k]) || !sameAsJson(value[keys[k]], back[keys[k]])) return false;
    }
    return true;
  }

  /** Records a command as JSON text and announces it; returns false (and records an error) if it cannot. */
  function recordCommand(command) {
    var json;
    try {
      if (!Array.isArray(command)) throw new Error('a command must be an array');
      // Callbacks are not data: the command is recorded without its trailing functions (and without
      // the undefined places before them, as in ['identify', props, undefined, callback]).
      var shown = command.slice(), stripped = false;
      while (shown.length && typeof shown[shown.length - 1] == 'function') { shown.pop(); stripped = true; }
      while (stripped && shown.length && shown[shown.length - 1] === undefined) shown.pop();
      json = JSON.stringify(shown);
      if (!sameAsJson(shown, JSON.parse(json))) throw new Error('not plain JSON data: ' + json);
    } catch (e) {
      record.errors.push(String(e && e.message || e));
      return false;
    }
    record.commands.push(json);
    try {
      var event = document.createEvent('CustomEvent');
      event.initCustomEvent('klaviyo-standin:command', false, false, json);
      window.dispatchEvent(event);
    } catch (e) {
      // Announcing is for the demo's panel only.
    }
    return true;
  }

  /** Calls a page's callback; what it throws reaches the page as an error but does not stop the script. */
  function callBack(callback, result) {
    try {
      callback(result);
    } catch (e) {
      setTimeout(function () { throw e; }, 0);
    }
  }

  // --- Identity ------------------------------------------------------------------------------------

  // Reference: the identifiers Klaviyo's tracker accepts, and the values that do not count.
  var IDENTIFIERS = ['$email', '$phone_number', '$id', '$exchange_id', '$anonymous', '$kid', 'email', 'phone_number', 'id'];
  function counts(value) {
    return value !== undefined && value !== null && value !== 'undefined' && value !== 'null' && value !== '';
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split(/;\s*/) : [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].indexOf(name + '=') === 0) return parts[i].slice(name.length + 1);
    }
    return null;
  }

  // The __kla_id cookie holds the identity as base64 JSON.
  function readIdentity() {
    try {
      var stored = JSON.parse(decodeURIComponent(escape(atob(readCookie('__kla_id') || ''))));
      return stored && typeof stored == 'object' && !Array.isArray(stored) ? stored : null;
    } catch (e) {
      return null;
    }
  }

  function writeIdentity() {
    record.identity = identity;
    document.cookie = '__kla_id=' + btoa(unescape(encodeURIComponent(JSON.stringify(identity)))) + '; path=/';
  }

  // Reference: clearIdentity deletes __kla_id (without a domain attribute) and the stored identity.
  function clearIdentity() {
    identity = record.identity = null;
    document.cookie = '__kla_id=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  }

  // Reference: the tracker adds keys such as $use_ip and $is_session_activity to the properties object
  // it is given, so a destination that reuses objects shows it. Done after recording the object.
  function stamp(properties, isEvent) {
    try {
      properties.$use_ip = true;
      if (isEvent) properties.$is_session_activity = false;
    } catch (e) {
      // A frozen or exotic object: the real tracker would fail here too, but silently is enough.
    }
  }

  /** A request to Klaviyo's servers, for the account the script holds now. */
  function send(json) {
    record.sent.push(json);
    record.sentTo.push(account);
  }

  function isObject(value) {
    return value !== null && typeof value == 'object' && !Array.isArray(value);
  }

  // --- The commands --------------------------------------------------------------------------------

  var methods = {
    // Reference: account(key?) gives the account key; null when tracking is off.
    account: function (key) {
      if (key !== undefined) account = key;
      return off ? null : account;
    },
    cookieDomain: function (newDomain) {
      if (newDomain !== undefined) domain = newDomain;
      return domain;
    },
    // Reference: identify counts only with an identifier; a new $id differing from the stored one, or a
    // new $email differing from the stored one when no $id is stored, clears the identity first. An
    // identified browser sends the profile, then the events cached while it was anonymous.
    // Returns the profile properties.
    identify: function (properties) {
      if (!isObject(properties)) properties = {};
      var stored = identity || {};
      if (counts(properties.$id) && counts(stored.$id) && properties.$id !== stored.$id
          || counts(properties.$email) && !counts(stored.$id) && counts(stored.$email) && properties.$email !== stored.$email) {
        clearIdentity();
      }
      var found = false;
      for (var i = 0; i < IDENTIFIERS.length; i++) {
        var value = properties[IDENTIFIERS[i]];
        if (counts(value)) {
          identity = identity || {};
          identity[IDENTIFIERS[i]] = value;
          found = true;
        }
      }
      if (found) writeIdentity();
      if (identity && !off) {
        send(JSON.stringify(['identify', properties]));
        // Reference: events tracked before the browser was identified are sent once it is.
        while (record.cached.length) send(record.cached.shift());
      }
      stamp(properties, false);
      return properties;
    },
    // Reference: Klaviyo tracks identified browsers only; an anonymous browser's events are cached
    // (klaviyo.cacheEvent). Returns whether the event was sent.
    track: function (name, properties) {
      if (!isObject(properties)) properties = {};
      var json = JSON.stringify(['track', name, properties]), sent = false;
      if (!off) {
        if (identity) {
          send(json);
          sent = true;
        } else {
          record.cached.push(json);
        }
      }
      stamp(properties, true);
      return sent;
    },
    trackViewedItem: function () {
      return undefined;
    },
    isIdentified: function () {
      return identity !== null;
    },
    openForm: function () {
      return undefined;
    },
    clearIdentity: function () {
      clearIdentity();
      return undefined;
    }
  };

  // Reference: a callback's place in a _learnq command: ['account', key, cb], ['isIdentified', cb],
  // ['track', name, props, cb], and ['identify', props, undefined, cb] (so ['identify', props, cb] is
  // never called back).
  var CALLBACK_AT = {account: 2, cookieDomain: 2, identify: 3, track: 3, trackViewedItem: 2, isIdentified: 1, openForm: 2};

  function isMethod(name) {
    return typeof name == 'string' && Object.prototype.hasOwnProperty.call(methods, name);
  }

  /** _learnq's handling of one command: records it, runs it, calls its callback; returns its result. */
  function runCommand(command) {
    if (!recordCommand(command) || !isMethod(command[0])) return undefined;
    var result = methods[command[0]].apply(null, command.slice(1));
    var callback = command[CALLBACK_AT[command[0]]];
    if (CALLBACK_AT[command[0]] && typeof callback == 'function') callBack(callback, result);
    return result;
  }

  // Reference: at start-up the queued account, cookieDomain and identify commands run first, walking the
  // array from the end (so among them the last pushed runs first), then the rest in order.
  var FIRST = {account: true, cookieDomain: true, identify: true};
  function drain(queue, run) {
    var done = [];
    for (var i = queue.length - 1; i >= 0; i--) {
      var command = queue[i];
      if (Array.isArray(command) && typeof command[0] == 'string' && FIRST[command[0]] === true) {
        done[i] = true;
        run(command);
      }
    }
    for (var j = 0; j < queue.length; j++) if (!done[j]) run(queue[j]);
  }

  // Reference: _learnq, if an array, is kept (the same array), else replaced by a new one; after the
  // drain its push runs one command (its first argument only) at once and returns the result; it gets
  // methods and _loaded = true.
  var learnq = Array.isArray(window._learnq) ? window._learnq : [];
  window._learnq = learnq;
  drain(learnq, runCommand);
  learnq.push = function (command) {
    return runCommand(command);
  };
  function learnqMethod(name) {
    return function () {
      return runCommand([name].concat(slice.call(arguments)));
    };
  }
  for (var name in methods) {
    if (Object.prototype.hasOwnProperty.call(methods, name)) learnq[name] = learnqMethod(name);
  }
  learnq._loaded = true;

  if (legacy) return;

  // Reference: _klOnsite is treated the same way, after _learnq; its commands are forwarded to the
  // _learnq the object module remembered, and a trailing callback (the stub's, which settles its
  // Promise) is called with the result. When that is not the _learnq the script took over, the command
  // lands in an array nobody reads: no result, no callback.
  function runOnsite(command) {
    if (objectQueue !== learnq) {
      objectQueue.push(command);
      try {
        record.lost.push(JSON.stringify(command));
      } catch (e) {
        record.lost.push(String(command));
      }
      return undefined;
    }
    if (!Array.isArray(command) || typeof command[command.length - 1] != 'function') return learnq.push(command);
    var forwarded = command.slice(), callback = forwarded.pop();
    while (forwarded.length > 1 && forwarded[forwarded.length - 1] === undefined) forwarded.pop();
    var result = learnq.push(forwarded);
    callBack(callback, result);
    return result;
  }
  var onsite = Array.isArray(window._klOnsite) ? window._klOnsite : [];
  window._klOnsite = onsite;
  drain(onsite, runOnsite);
  onsite.push = function (command) {
    return runOnsite(command);
  };
  onsite._loaded = true;

  // Reference: window.klaviyo is the current API: push and the methods act at once and return a Promise
  // of the command's result, calling a trailing callback too. A klaviyo object already on the page (the
  // stub, which queues into _klOnsite) is left as it is: from now on its commands run at once.
  if (window.klaviyo) return;
  function promise(result) {
    return typeof Promise == 'function' ? Promise.resolve(result) : undefined;
  }
  var klaviyo = {
    push: function (command) {
      var result = onsite.push(command);
      return objectQueue !== learnq ? new Promise(function () {}) : promise(result);
    }
  };
  function klaviyoMethod(method) {
    return function () {
      var args = slice.call(arguments);
      // Lost (see objectQueue): no result ever comes, so neither the callback nor the Promise settles.
      if (objectQueue !== learnq) return onsite.push([method].concat(args)), new Promise(function () {});
      var callback = typeof args[args.length - 1] == 'function' ? args.pop() : null;
      var result = onsite.push([method].concat(args));
      if (callback) callBack(callback, result);
      return promise(result);
    };
  }
  var KLAVIYO_METHODS = ['identify', 'track', 'trackViewedItem', 'account', 'isIdentified', 'cookieDomain', 'openForm'];
  for (var m = 0; m < KLAVIYO_METHODS.length; m++) klaviyo[KLAVIYO_METHODS[m]] = klaviyoMethod(KLAVIYO_METHODS[m]);
  window.klaviyo = klaviyo;
})();
