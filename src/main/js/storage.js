/*
 * The browser's storage for what the destination remembers: sessionStorage (this tab, across page
 * loads) or localStorage (this browser). Storage that throws or is absent (private modes, sandboxed
 * frames, a full quota) falls back to memory for the page, so nothing is lost within it and nothing
 * throws. Values are JSON texts; a text that does not parse reads as nothing.
 */
var storageMemory = { session: Object.create(null), local: Object.create(null) };

/** window.sessionStorage or window.localStorage, or null where reading it throws. */
function storageArea(area) {
  try {
    var s = window[area + 'Storage'];
    return s && typeof s.getItem == 'function' ? s : null;
  } catch (e) {
    return null;
  }
}

/**
 * The value stored under key, parsed; undefined when there is none or it is not JSON. What this page
 * wrote comes first, so that a write storage refused (a full quota, older Safari's private mode) or a
 * read it refuses loses nothing within the page.
 */
function storageGet(area, key) {
  var memory = storageMemory[area], s = storageArea(area), text;
  try {
    text = key in memory ? memory[key] : s ? s.getItem(key) : null;
  } catch (e) {
    text = null;
  }
  try {
    return text == null ? void 0 : JSON.parse(text);
  } catch (e) {
    return void 0;
  }
}

/** Stores a plain JSON value under key (undefined removes it); in memory too, for the page. */
function storageSet(area, key, value) {
  var text = value === void 0 ? null : JSON.stringify(value), s = storageArea(area);
  storageMemory[area][key] = text;
  try {
    if (s && text == null) s.removeItem(key);
    else if (s) s.setItem(key, text);
  } catch (e) {
    // Kept in memory for the page.
  }
}
