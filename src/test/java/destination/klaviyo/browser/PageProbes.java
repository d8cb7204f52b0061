package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Page-side instruments for the end-to-end tests of the destination's lifecycle, bad input and
 * security, installed as {@code window.probe} by {@link #install}:
 * <ul>
 *   <li>{@code probe.fingerprint(value)}: the structure of a value, read without running page code
 *       (no getter is called, no proxy trap runs): every own key with its attributes, every value,
 *       prototypes, a Date's time, the sharing of objects. Equal before and after a call: the call
 *       changed nothing the page can see in the value.</li>
 *   <li>{@code probe.plainProblems(command, callerObjects)}: why a value is not plain JSON data
 *       (a function, undefined, a Date, an accessor, an exotic prototype, a symbol key, an object
 *       twice, one of the caller's own objects); empty when it is.</li>
 *   <li>{@code probe.watch()}: once Klaviyo's stand-in runs, checks each command pushed onto
 *       {@code _learnq} with {@code plainProblems}; {@code probe.takeProblems()} returns and clears
 *       what it found.</li>
 *   <li>{@code probe.pollution()}: the keys added to or removed from the built-in prototypes since
 *       the probe was installed.</li>
 *   <li>{@code probe.opaque(value)}: marks a value (a proxy) the probe must not look into; returns it.</li>
 *   <li>{@code probe.send(method, message)}: {@code k.invoke(method, {obj: message})} on the page's
 *       destination {@code window.k}, with everything above checked around it (see {@link #send}).</li>
 *   <li>{@code probe.strings(value)}: every string reachable from a value through own properties
 *       (non-enumerable ones too, names included, char arrays decoded), for secret searches;
 *       {@code probe.stringPaths(value, skip)} gives each with the path it was found at, never
 *       entering the objects of the optional array {@code skip}.</li>
 * </ul>
 */
final class PageProbes {
    static final String SCRIPT = """
            (function () {
              if (window.probe) return;
              var opaque = new WeakSet();
              var probe = window.probe = {};
              probe.opaque = function (v) { opaque.add(v); return v; };
              probe.isOpaque = function (v) { return v !== null && typeof v == 'object' && opaque.has(v); };

              function isHost(v) {
                if (v === window || v === document) return true;
                try { return typeof Node == 'function' && v instanceof Node; } catch (e) { return true; }
              }
              function protoName(p) {
                return p === null ? 'null' : p === Object.prototype ? 'Object' : p === Array.prototype ? 'Array'
                  : p === Date.prototype ? 'Date' : p === Function.prototype ? 'Function' : 'other';
              }

              // Walks stop this deep (the interpreter's stack is finite): deeper parts are not compared.
              var DEEPEST = 400;
              probe.fingerprint = function (root) {
                var seen = new Map();
                function walk(v, depth) {
                  var t = typeof v;
                  if (t == 'number') return Object.is(v, -0) ? 'n:-0' : 'n:' + v;
                  if (t == 'string') return 's:' + JSON.stringify(v);
                  if (t == 'bigint') return 'b:' + String(v);
                  if (t == 'symbol') return 'y:' + String(v);
                  if (v === null || t != 'object' && t != 'function') return t + ':' + String(v);
                  if (seen.has(v)) return '#' + seen.get(v);
                  var head = '@' + seen.size;
                  seen.set(v, seen.size);
                  if (opaque.has(v)) return head + ':opaque';
                  if (isHost(v)) return head + ':host';
                  if (depth > DEEPEST) return head + ':deeper';
                  var proto, keys, extensible;
                  try { proto = Object.getPrototypeOf(v); keys = Reflect.ownKeys(v); extensible = Object.isExtensible(v); }
                  catch (e) { return head + ':unreadable ' + e; }
                  var parts = [];
                  for (var i = 0; i < keys.length; i++) {
                    var k = keys[i], d;
                    var name = typeof k == 'symbol' ? String(k) : JSON.stringify(k);
                    d = undefined;
                    try { d = Object.getOwnPropertyDescriptor(v, k); } catch (e) {}
                    if (!d) { parts.push(name + ' ?'); continue; }
                    var flags = (d.enumerable ? 'e' : '-') + (d.configurable ? 'c' : '-')
                      + ('value' in d ? (d.writable ? 'w' : '-') : 'a');
                    parts.push(name + ' ' + flags + ' '
                      + ('value' in d ? walk(d.value, depth + 1) : walk(d.get, depth + 1) + ' ' + walk(d.set, depth + 1)));
                  }
                  var time = proto === Date.prototype ? ' t=' + Date.prototype.getTime.call(v) : '';
                  return head + ':' + protoName(proto) + (extensible ? '' : ' sealed') + time + ' {' + parts.join(', ') + '}';
                }
                return walk(root, 0);
              };

              // Every object reachable from a value through own data properties, as a Set.
              probe.objects = function (root) {
                var all = new Set();
                function walk(v, depth) {
                  if (v === null || typeof v != 'object' && typeof v != 'function' || all.has(v)) return;
                  all.add(v);
                  if (opaque.has(v) || isHost(v) || depth > DEEPEST) return;
                  var keys;
                  try { keys = Reflect.ownKeys(v); } catch (e) { return; }
                  for (var i = 0; i < keys.length; i++) {
                    var d;
                    try { d = Object.getOwnPropertyDescriptor(v, keys[i]); } catch (e) { continue; }
                    if (d && 'value' in d) walk(d.value, depth + 1);
                  }
                }
                walk(root, 0);
                return all;
              };

              probe.plainProblems = function (root, callerObjects) {
                var problems = [], all = new Set();
                function check(v, where) {
                  var t = typeof v;
                  if (v === null || t == 'string' || t == 'boolean') return;
                  if (t == 'number') { if (!isFinite(v)) problems.push(where + ': ' + v); return; }
                  if (t != 'object') { problems.push(where + ': a ' + t); return; }
                  if (callerObjects && callerObjects.has(v)) problems.push(where + ': one of the caller\\'s own objects');
                  if (all.has(v)) { problems.push(where + ': an object met twice'); return; }
                  all.add(v);
                  var isArray = Array.isArray(v), proto = Object.getPrototypeOf(v);
                  if (proto !== (isArray ? Array.prototype : Object.prototype)) problems.push(where + ': prototype ' + protoName(proto));
                  var keys = Reflect.ownKeys(v);
                  for (var i = 0; i < keys.length; i++) {
                    var k = keys[i];
                    if (typeof k == 'symbol') { problems.push(where + ': a symbol key'); continue; }
                    if (isArray && k == 'length') continue;
                    var d = Object.getOwnPropertyDescriptor(v, k), at = where + (isArray ? '[' + k + ']' : '.' + k);
                    if (isArray && String(Number(k) >>> 0) !== k) problems.push(at + ': not an index');
                    else if (!('value' in d)) problems.push(at + ': an accessor');
                    else if (!d.enumerable) problems.push(at + ': not enumerable');
                    else if (d.value === undefined) problems.push(at + ': undefined');
                    else check(d.value, at);
                  }
                  if (isArray) for (var j = 0; j < v.length; j++) if (!(j in v)) problems.push(where + '[' + j + ']: a hole');
                }
                check(root, 'command');
                return problems;
              };

              var found = [];
              probe.callerObjects = null;
              probe.watch = function () {
                var q = window._learnq, push = q.push;
                q.push = function () {
                  for (var i = 0; i < arguments.length; i++) {
                    var c = arguments[i], p = probe.plainProblems(c, probe.callerObjects);
                    if (p.length) found.push(JSON.stringify(p));
                  }
                  return push.apply(this, arguments);
                };
              };
              probe.takeProblems = function () { var f = found; found = []; return f; };

              var builtIns = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype,
                Boolean.prototype, Date.prototype, window];
              var names = ['Object', 'Array', 'Function', 'String', 'Number', 'Boolean', 'Date', 'window'];
              // window only for the names that matter here: a polluted global would show as a new key.
              function keysOf(o, i) {
                var ks = i == 7 ? ['polluted', 'pwned', 'isAdmin'].filter(function (k) { return k in o; })
                  : Reflect.ownKeys(o).map(String);
                return ks.sort();
              }
              var baseline = builtIns.map(keysOf);
              probe.pollution = function () {
                var changes = [];
                builtIns.forEach(function (o, i) {
                  var now = keysOf(o, i), before = baseline[i];
                  now.forEach(function (k) { if (before.indexOf(k) < 0) changes.push(names[i] + ' +' + k); });
                  before.forEach(function (k) { if (now.indexOf(k) < 0) changes.push(names[i] + ' -' + k); });
                });
                if (({}).polluted !== undefined || [].polluted !== undefined) changes.push('{}.polluted');
                return changes;
              };

              probe.send = function (method, message) {
                var before = probe.fingerprint(message), standIn = window.klaviyoStandIn;
                var n = standIn.commands.length, errors = standIn.errors.length, threw = null;
                probe.callerObjects = probe.objects(message);
                // Not {obj: message}: this interpreter would name an anonymous function message "obj".
                var facade = {};
                facade['obj'] = message;
                try { window.k.invoke(method, facade); } catch (e) { threw = String(e && e.stack || e); }
                probe.callerObjects = null;
                var after = probe.fingerprint(message);
                return JSON.stringify({
                  threw: threw, changed: before === after ? null : before + '\\n  became\\n' + after,
                  commands: standIn.commands.slice(n), errors: standIn.errors.slice(errors),
                  problems: probe.takeProblems(), pollution: probe.pollution()
                });
              };

              // Each string reachable from root, with its path, the objects in skip left alone;
              // probe.strings(root) has the strings alone.
              probe.stringPaths = function (root, skip) {
                var out = [], seen = new Set(skip || []);
                function walk(v, depth, path) {
                  var t = typeof v;
                  if (t == 'string') { out.push([path, v]); return; }
                  if (v === null || t != 'object' && t != 'function' || seen.has(v) || depth > 12) return;
                  seen.add(v);
                  if (isHost(v)) return;
                  if (ArrayBuffer.isView(v)) {
                    if (v instanceof Uint16Array || v instanceof Uint8Array) {
                      var s = '';
                      for (var i = 0; i < v.length; i++) s += String.fromCharCode(v[i]);
                      out.push([path + ' (chars)', s]);
                    }
                    return;
                  }
                  var keys;
                  try { keys = Reflect.ownKeys(v); } catch (e) { return; }
                  for (var j = 0; j < keys.length; j++) {
                    var k = keys[j], d;
                    var at = path + (typeof k == 'string' ? '.' + k : '[' + String(k) + ']');
                    if (typeof k == 'string') out.push([at + ' (key)', k]);
                    try { d = Object.getOwnPropertyDescriptor(v, k); } catch (e) { continue; }
                    if (d && 'value' in d) walk(d.value, depth + 1, at);
                  }
                }
                walk(root, 0, '');
                return out;
              };
              probe.strings = function (root, skip) { return probe.stringPaths(root, skip).map(function (p) { return p[1]; }); };
            })();
            """;

    /** Whether the destination {@code window.k} of {@link #startDestination} has emitted 'ready'. */
    static final String READY = "klaviyoEvents.some(function (e) { return e[0] == 'ready'; })";

    private PageProbes() {
    }

    /** Installs {@code window.probe}; its prototype baseline is taken now. */
    static void install(HostPage page) {
        page.run(SCRIPT);
    }

    /**
     * Klaviyo's stand-in, held back: the script at Klaviyo's address loads at once but only defines
     * {@code window.releaseKlaviyo()}, which runs the stand-in when the test calls it. Until then
     * Klaviyo's script is on the page and has not taken over {@code _learnq}, as while it downloads.
     */
    static Consumer<FakeWeb> heldBackKlaviyo() {
        String heldBack = "window.releaseKlaviyo = function () {\n" + HostPage.standInScript() + "\n};\n";
        return web -> web.pattern(HostPage.KLAVIYO_SCRIPTS, request -> FakeWeb.Reply.of("text/javascript", heldBack));
    }

    /**
     * Creates {@code window.k = new KlaviyoIntegration(settings)} on a bare page, records the events
     * it emits in {@code window.klaviyoEvents} ({@code [name, milliseconds since creation]}), and calls
     * initialize() and the first page, which starts it.
     */
    static void startDestination(HostPage page, String settings) {
        startDestination(page, settings, "");
    }

    /**
     * {@link #startDestination(HostPage, String)}, running {@code beforeInitialize} (statements, such as
     * setting {@code k.analytics} as a host does) between the integration's creation and initialize().
     */
    static void startDestination(HostPage page, String settings, String beforeInitialize) {
        page.run("window.klaviyoEvents = []; window.klaviyoCreated = Date.now();"
                + "window.k = new KlaviyoIntegration(" + settings + ");" + beforeInitialize
                + "['initialize', 'ready'].forEach(function (e) { k.on(e, function () {"
                + "  klaviyoEvents.push([e, Date.now() - klaviyoCreated]); }); });"
                + "k.initialize(); k.invoke('page', {obj: {type: 'page'}});");
    }

    /** The names of the events the destination has emitted so far, in order. */
    static List<String> events(HostPage page) {
        return JsonText.parseStrings(page.text("JSON.stringify(klaviyoEvents.map(function (e) { return e[0]; }))"));
    }

    /**
     * A bare page whose destination {@code window.k} is ready, Klaviyo's stand-in running with
     * {@code probe.watch()} checking every command, and its account command delivered.
     */
    static HostPage readyBarePage() {
        HostPage page = HostPage.bare();
        install(page);
        startDestination(page, "{apiKey: 'hfWBjc'}");
        page.waitUntil("klaviyoEvents.some(function (e) { return e[0] == 'ready'; })");
        page.run("probe.watch();");
        page.assertKlaviyoCommands(ShopEvents.ACCOUNT);
        return page;
    }

    /**
     * Invokes the destination with one message ({@code messageJs}, a JavaScript expression) on a page
     * from {@link #readyBarePage}, and returns the commands Klaviyo got for it, after checking that
     * nothing was thrown, the message is unchanged (fingerprint), every command is plain JSON data
     * sharing no object with the message, the stand-in took every command, and no built-in prototype
     * changed.
     */
    static List<String> send(HostPage page, String method, String messageJs) {
        Map<String, Object> result = JsonText.parseObject(page.text(
                "probe.send(" + JsonText.quote(method) + ", " + messageJs + ")"));
        assertNull(result.get("threw"), "thrown into the caller by " + messageJs);
        assertNull(result.get("changed"), "the message changed: " + messageJs);
        assertEquals(List.of(), result.get("errors"), "commands the stand-in could not take for " + messageJs);
        assertEquals(List.of(), result.get("problems"), "commands that are not plain JSON for " + messageJs);
        assertEquals(List.of(), result.get("pollution"), "built-in prototypes changed by " + messageJs);
        @SuppressWarnings("unchecked")
        List<String> commands = (List<String>) (List<?>) result.get("commands");
        return commands;
    }
}
