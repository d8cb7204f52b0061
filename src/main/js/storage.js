/*
 * The browser's storage for what the destination remembers: sessionStorage (this tab, across page
 * loads) or localStorage (this browser). Storage that throws or is absent (private modes, sandboxed
 * frames, a full quota) falls back to memory for the page, so nothing is lost within it and nothing
 * throws. Values are JSON texts; a text that does not parse reads as nothing.
 */
var storageMemory = { session: Object.create(null), local: Object.create(null), failed: Object.create(null) };

/** window.sessionStorage or window.localStorage, or null where reading it throws. */
function storageArea(area) {
  try {
    var s = window[area + 'Storage'];
    return s && typeof s.getItem == 'function' ? s : null;
  } catch (e) {
    return null;
  }
}

/** The value stored under key, parsed; undefined when there is none or it is not JSON. */
function storageGet(area, key) {
  var s = storageArea(area), text;
  try {
    // A key whose last write failed (a full quota throws on writes, not on reads) is read from memory.
    text = s && !storageMemory.failed[area + key] ? s.getItem(key) : storageMemory[area][key];
  } catch (e) {
    text = storageMemory[area][key];
  }
  try {
    return text == null ? void 0 : JSON.parse(text);
  } catch (e) {
    return void 0;
  }
}

/** Stores a plain JSON value under key (undefined removes it); in memory when storage fails. */
function storageSet(area, key, value) {
  var text = value === void 0 ? null : JSON.stringify(value), s = storageArea(area);
  if (text == null) delete storageMemory[area][key];
  else storageMemory[area][key] = text;
  try {
    if (s && text == null) s.removeItem(key);
    else if (s) s.setItem(key, text);
    delete storageMemory.failed[area + key];
  } catch (e) {
    // Kept in memory for the page.
    storageMemory.failed[area + key] = 1;
  }
}
