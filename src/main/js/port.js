/*
 * The core's port over live JavaScript values (the Java side is browser/JsValues.java, the contract
 * core/Values.java). Java holds values as int handles into one table; each operation here is one
 * mapping-level step (find a message's keys, copy what is left as JSON, build a list or a command),
 * so a message crosses between Java and JavaScript a handful of times, not once per property.
 *
 * Nothing here decides what Klaviyo gets: the key lists, the renames and what is consumed come from
 * Java. What is here is how a page's values are read safely and made plain JSON.
 */

/** The value table: handle 0 is undefined; handles above `portTop` are free. */
var portSlots = [void 0];
var portTop = 1;
/** The key lists Java registered, by id: {names, exact: Map, facade: Map}. */
var portLists = [];
/** Which handles hold what the port made: plain JSON already, not copied again. */
var portMine = [];
/** Keys normalised as the facade (obj-case) compares them; pages reuse their keys. */
var portNormal = new Map();
var PORT_NOISE = /[^a-zA-Z0-9.]+/g;
var PORT_MAX_DEPTH = Values.MAX_DEPTH;
var PORT_MAX_ITEMS = Values.MAX_ITEMS;
/** What a copy returns for a value JSON has no place for. */
var PORT_LEFT_OUT = {};

function portHold(value) {
  portSlots[portTop] = value;
  return portTop++;
}

/** A handle for what the port made itself. */
function portHoldMine(value) {
  portMine[portTop] = true;
  return portHold(value);
}

/** Forgets every handle made since `mark`: a message's values never outlive it. */
function portRelease(mark) {
  for (var i = portTop; i > mark;) {
    portSlots[--i] = void 0;
    portMine[i] = false;
  }
  portTop = mark;
}

/** The value at a handle as JSON: what the port made as it is, a page's value copied. */
function portJson(h) {
  return portMine[h] ? portSlots[h] : portCopy(portSlots[h], null);
}

/**
 * The value's kind, as Values numbers them (src/build/bundle.mjs writes in the number of each Java
 * constant the shell names).
 */
function portKind(v) {
  var t = typeof v;
  if (v == null) return v === null ? Values.NULL : Values.UNDEFINED;
  if (t != 'object') {
    return t == 'boolean' ? Values.BOOLEAN : t == 'number' ? (isFinite(v) ? Values.NUMBER : Values.OTHER)
      : t == 'string' ? Values.STRING : t == 'bigint' ? Values.STRINGIFIED : Values.OTHER;
  }
  try {
    if (Array.isArray(v)) return Values.ARRAY;
    t = Object.prototype.toString.call(v);
    return t == '[object Object]' ? Values.OBJECT
      : t == '[object Date]' && isFinite(Date.prototype.getTime.call(v)) ? Values.STRINGIFIED : Values.OTHER;
  } catch (e) {
    return Values.OTHER;
  }
}

/**
 * PORT_THREW once a portRead threw: find and portKindAt clear it before a read and report it with
 * the value's kind. Only a read that throws writes it, so the copy's many reads stay as fast as before.
 */
var portThrew = 0;
var PORT_THREW = Values.THREW;

/** A property read that cannot throw: a getter or a Proxy trap that throws gives undefined. */
function portRead(o, k) {
  try {
    return o[k];
  } catch (e) {
    portThrew = PORT_THREW;
    return void 0;
  }
}

/** The kind of property k of the plain object at handle h, as portFind reports kinds (0 for any other value). */
function portKindAt(h, k) {
  var o = portSlots[h], v;
  if (portKind(o) != Values.OBJECT) return Values.UNDEFINED;
  portThrew = 0;
  v = portRead(o, k);
  // portThrew first: portKind may run a Proxy's trap, which may read again.
  return portThrew | portKind(v) | (v ? Values.TRUTHY : 0);
}

function portKeys(o) {
  try {
    return Object.keys(o);
  } catch (e) {
    return [];
  }
}

/** The string form of a string, a finite number, a BigInt or a valid Date, as JavaScript writes it; else null. */
function portText(v) {
  var k = portKind(v);
  return k == Values.STRING ? v : k == Values.NUMBER || typeof v == 'bigint' ? String(v)
    : k == Values.STRINGIFIED ? Date.prototype.toISOString.call(v) : null;
}

/**
 * Registers a key list: names separated by spaces (at most 31); `=name` is an exact key, others facade
 * keys, matched as portNormalised writes them.
 */
function portList(names) {
  var list = { names: [], exact: new Map(), facade: new Map() };
  names.split(' ').forEach(function (name, i) {
    var exact = name.charAt(0) == '=';
    if (exact) name = name.slice(1);
    list.names.push(name);
    var map = exact ? list.exact : list.facade, key = exact ? name : portNormalised(name);
    if (!map.has(key)) map.set(key, i);
  });
  return portLists.push(list) - 1;
}

function portNormalised(key) {
  var n = portNormal.get(key);
  if (n === void 0) {
    if (portNormal.size > 999) portNormal.clear();
    portNormal.set(key, n = key.replace(PORT_NOISE, '').toLowerCase());
  }
  return n;
}

/**
 * Finds a key list's keys in the object at handle h. Returns the handle r of a record of the lookup;
 * entry i's value is at handle r + 1 + i. The kinds table (Java's, by handle) gets the object's own
 * kind at r and entry i's kind at r + 1 + i, with Values.TRUTHY added when the value is truthy. An entry takes
 * the value of the first own key it matches. The record remembers, per key, which of the first 31
 * entries it matched, so that portBuild can leave out the keys of consumed entries. When the table is
 * too small, nothing is read and the size needed comes back, negated.
 */
function portFind(h, id, kinds) {
  var need = portTop + portLists[id].names.length + 1;
  return need > kinds.length ? -need : portFindIn(portSlots[h], id, kinds);
}

function portFindIn(o, id, kinds) {
  var list = portLists[id], n = list.names.length, r = portTop, marks = [], found = 0;
  var kind = portKind(o), keys = kind == Values.OBJECT ? portKeys(o) : [];
  // An array, not {o: o}: HtmlUnit's engine would name an anonymous function o.
  portSlots[r] = [o, keys, marks];
  kinds[r] = kind;
  for (var i = r + 1; i <= r + n; i++) {
    portSlots[i] = void 0;
    kinds[i] = Values.UNDEFINED;
  }
  portTop = r + n + 1;
  for (var j = 0, count = Math.min(keys.length, PORT_MAX_ITEMS); j < count; j++) {
    var key = keys[j], mark = 0;
    for (var pass = 0; pass < 2; pass++) {
      var entry = pass ? list.facade.get(portNormalised(key)) : list.exact.get(key), bit = 1 << entry;
      if (entry === void 0) continue;
      // An entry takes the first key it matches, whatever its value (lists have at most 31 entries).
      if (!(found & bit)) {
        found |= bit;
        portThrew = 0;
        var v = portSlots[r + 1 + entry] = portRead(o, key);
        kinds[r + 1 + entry] = portThrew | portKind(v) | (v ? Values.TRUTHY : 0);
      }
      mark |= bit;
    }
    marks.push(mark);
  }
  return r;
}

/**
 * portFind in each element of the array at handle h (its first portLength elements): element e's
 * record is at base + e * (n + 1), n being the list's length.
 */
function portFindEach(h, id, kinds) {
  var a = portSlots[h], count = portLength(h), base = portTop;
  var need = base + count * (portLists[id].names.length + 1);
  if (need > kinds.length) return -need;
  for (var e = 0; e < count; e++) portFindIn(portRead(a, e), id, kinds);
  return base;
}

function portLength(h) {
  var v = portSlots[h];
  if (portKind(v) != Values.ARRAY) return 0;
  var n = portRead(v, 'length');
  return n > 0 ? Math.min(n, PORT_MAX_ITEMS) : 0;
}

/**
 * A plain JSON copy of a page's value (see Values and docs/bad-input.md): strings, finite
 * numbers, booleans and null as they are; Dates as ISO strings and BigInts as digits; functions,
 * symbols, NaN, the infinities and exotic objects left out; cycles and what is nested deeper than
 * PORT_MAX_DEPTH left out; the first PORT_MAX_ITEMS elements or keys; no `__proto__` key; no page
 * code run but getters. `path` holds the enclosing objects, outermost first (null: none yet).
 */
function portCopy(v, path) {
  var t = typeof v;
  if (v === null || t == 'string' || t == 'boolean') return v;
  if (t == 'number') return isFinite(v) ? v : PORT_LEFT_OUT;
  if (t == 'bigint') return String(v);
  if (t != 'object') return PORT_LEFT_OUT;
  var kind = portKind(v);
  if (kind == Values.STRINGIFIED) return Date.prototype.toISOString.call(v);
  if (!path) path = [];
  if (kind != Values.ARRAY && kind != Values.OBJECT || path.length > PORT_MAX_DEPTH || path.indexOf(v) >= 0) return PORT_LEFT_OUT;
  path.push(v);
  var copy;
  if (kind == Values.ARRAY) {
    copy = [];
    for (var i = 0, n = Math.min(portRead(v, 'length') >>> 0, PORT_MAX_ITEMS); i < n; i++) {
      var c = portCopy(portRead(v, i), path);
      copy.push(c === PORT_LEFT_OUT ? null : c);
    }
  } else {
    copy = portCopyKeys({}, v, portKeys(v), null, 0, path);
  }
  path.pop();
  return copy;
}

/** Copies o's keys into target, but those whose mark shares a bit with `consumed`. */
function portCopyKeys(target, o, keys, marks, consumed, path) {
  for (var j = 0, n = Math.min(keys.length, PORT_MAX_ITEMS); j < n; j++) {
    var key = keys[j];
    if (key === '__proto__' || marks && marks[j] & consumed) continue;
    var c = portCopy(portRead(o, key), path);
    if (c !== PORT_LEFT_OUT) target[key] = c;
  }
  return target;
}

/**
 * A new object: the keys of record r's object that no consumed entry matched, copied as JSON (none
 * when r is 0), then key list id's names set to the JSON of the values whose handles are in vals (0:
 * not set), each left out when JSON has no place for it.
 */
function portBuild(r, consumed, id, vals) {
  var out = {}, rec = r ? portSlots[r] : null, names = portLists[id].names;
  if (rec) portCopyKeys(out, rec[0], rec[1], rec[2], consumed, [rec[0]]);
  for (var i = 0; i < names.length; i++) {
    if (vals[i]) {
      var c = portJson(vals[i]);
      if (c !== PORT_LEFT_OUT) out[names[i]] = c;
    }
  }
  return portHoldMine(out);
}

/** A new array of the JSON of the first `count` values in vals (null where JSON has no place). */
function portArray(vals, count) {
  var out = [];
  for (var i = 0; i < count; i++) {
    var c = portJson(vals[i]);
    out.push(c === PORT_LEFT_OUT ? null : c);
  }
  return portHoldMine(out);
}

/** portArray without handle 0 and without repeats: a value whose text an earlier one had is left out. */
function portDistinct(vals, count) {
  var out = [], seen = [];
  for (var i = 0; i < count; i++) {
    var t = portText(portSlots[vals[i]]);
    if (vals[i] && seen.indexOf(t) < 0) {
      seen.push(t);
      out.push(portJson(vals[i]));
    }
  }
  return portHoldMine(out);
}

/** For each of the first count values, 1 + the index of the first earlier one with the same text, or 0. */
function portRepeats(vals, count, repeats) {
  for (var i = 0, texts = []; i < count; i++) {
    texts.push(portText(portSlots[vals[i]]));
    repeats[i] = texts.indexOf(texts[i]) + 1;
    if (repeats[i] == i + 1) repeats[i] = 0;
  }
}

/** A new array of the JSON of one value (null where JSON has no place), or an empty one for handle 0. */
/**
 * A new value from the JSON template t: each string "@name" is a placeholder, filled with the JSON copy
 * of the value at vals[i], i numbering the names in the order they first appear; a key whose value is
 * handle 0 or has no JSON form is left out.
 */
function portTemplate(t, vals) {
  var names = [];
  return portHoldMine(JSON.parse(t, function (k, v) {
    if (typeof v != 'string' || v.charAt(0) != '@') return v;
    var i = names.indexOf(v), c = vals[i < 0 ? names.push(v) - 1 : i];
    c = c ? portJson(c) : PORT_LEFT_OUT;
    return c === PORT_LEFT_OUT ? void 0 : c;
  }));
}

function portListOf(h) {
  var out = [];
  if (h) {
    var c = portJson(h);
    out.push(c === PORT_LEFT_OUT ? null : c);
  }
  return portHoldMine(out);
}

/** A Klaviyo command: [name, a] or [name, a, b]. */
function portCommand(name, a, b) {
  return portHoldMine(b ? [name, portSlots[a], portSlots[b]] : [name, portSlots[a]]);
}

/** Regular expressions by flags and pattern, made once: the facade's patterns, run by the browser's engine. */
var portPatterns = { i: new Map(), g: new Map() };

function portPattern(p, flags) {
  var made = portPatterns[flags], re = made.get(p);
  if (!re) made.set(p, re = new RegExp(p, flags));
  return re;
}

function portTest(p, h) {
  var t = portText(portSlots[h]);
  return t !== null && portPattern(p, 'i').test(t);
}

/** The number (from 1) of the first group of pattern p that takes part in its match in h's text; 0: no match. */
function portWhich(p, h) {
  var t = portText(portSlots[h]), m = t !== null && portPattern(p, 'i').exec(t), i = 1;
  for (; m && i < m.length; i++) if (m[i] !== void 0) return i;
  return 0;
}

/** Milliseconds since 1970 of a valid Date, a date string (Date.parse) or a finite number; else NaN. */
function portTime(v) {
  var k = portKind(v);
  return k == Values.NUMBER ? v : k == Values.STRING ? Date.parse(v)
    : k == Values.STRINGIFIED && typeof v == 'object' ? Date.prototype.getTime.call(v) : NaN;
}

/** A finite number's value; NaN for anything else. */
function portNumber(h) {
  var v = portSlots[h];
  return portKind(v) == Values.NUMBER ? v : NaN;
}

function portTrim(h) {
  var v = portSlots[h];
  return typeof v == 'string' ? portHold(v.trim()) : 0;
}

function portJoin(a, separator, b) {
  return portHold(portText(portSlots[a]) + separator + portText(portSlots[b]));
}
