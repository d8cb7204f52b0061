// Turns TeaVM's module-less output into the two files sites load.
//   0. Two debugging hooks of TeaVM's runtime are taken out (see DEBUG_HOOKS): nothing in the bundle
//      needs them, and with them gone terser drops what only they used (about 0.9 KB gzipped). And
//      the glue for JavaScript calling a Java method becomes a direct call (see CALL_WITH_RECEIVER).
//   1. Two wrappers expose the constructor TeaVM's `integration()` returns:
//      klaviyo.js          UMD: window.KlaviyoIntegration, or the module's export under CommonJS / AMD.
//      klaviyo.dynamic.js  what Analytics Next loads for a classic destination: klaviyoDeps + klaviyoLoader.
//   2. terser minifies each once more (TeaVM keeps the runtime's and @JSBody's local names and
//      long-hand syntax), following TeaVM's source map, so the final map points at the Java sources.
// Usage: node src/build/bundle.mjs <teavm output dir> <dist dir>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

// terser is pinned with the host libraries in test-pages/package.json.
const { minify } = createRequire(new URL('../../test-pages/package.json', import.meta.url))('terser');

const [teavmDir, distDir] = process.argv.slice(2);
// TeaVM 0.16 installs, on java.lang.Object's prototype, a JavaScript toString (Java's
// Object.toString with its hex hash code, for when JavaScript turns a Java object into a string) and
// __teavm_class__ (for debuggers). The destination never lets JavaScript print a Java object, so both
// go. Their line breaks stay, so the source map of the code around them stays right.
// (Spaces are optional: the patterns match TeaVM's output minified or not.)
const DEBUG_HOOKS = [
  /[\w$]+\.prototype\.toString\s*=\s*function\(\)\s*\{\s*return [\w$]+\([\w$]+\(this\)\);\s*\};/g,
  /[\w$]+\.prototype\.__teavm_class__\s*=\s*function\(\)\s*\{\s*return [\w$]+\(this\);\s*\};/g,
];
// TeaVM 0.16 turns a Java method that JavaScript calls (the destination's methods behind the
// integration object) into function(){return f.apply(null,[this].concat(Array.prototype.slice.call(
// arguments)))}: two arrays and an apply on every call, about a sixth of a track call's time. The
// same call with the arguments passed on directly; every such method here takes at most two.
const CALL_WITH_RECEIVER = {
  pattern: /=\s*f\s*=>\s*function\(\)\s*\{\s*return f\.apply\(null,\s*\[this\]\.concat\(Array\.prototype\.slice\.call\(arguments\)\)\);\s*\}/g,
  replacement: '=f=>function(a,b,c,d,e,g){return f(this,a,b,c,d,e,g);}',
};
let raw = readFileSync(join(teavmDir, 'klaviyo.raw.js'), 'utf8')
  .replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '')
  .trimEnd();
for (const hook of DEBUG_HOOKS) {
  const found = raw.match(hook) || [];
  if (found.length !== 1) {
    throw new Error(`expected TeaVM's runtime to have one ${hook}, found ${found.length}: has TeaVM changed?`);
  }
  raw = raw.replace(hook, (text) => text.replace(/[^\n]/g, ''));
}
if ((raw.match(CALL_WITH_RECEIVER.pattern) || []).length !== 1) {
  throw new Error("expected TeaVM's runtime to have one $rt_callWithReceiver: has TeaVM changed?");
}
raw = raw.replace(CALL_WITH_RECEIVER.pattern,
  (text) => CALL_WITH_RECEIVER.replacement + text.replace(/[^\n]/g, ''));
const teavmMap = JSON.parse(readFileSync(join(teavmDir, 'klaviyo.raw.js.map'), 'utf8'));
// Each wrapper puts one line before TeaVM's first line: one more empty line in the mappings.
const map = { ...teavmMap, mappings: ';' + teavmMap.mappings };

// TeaVM declares `var integration;` and assigns the exported function; the wrappers call it once.
const factory = `function(){\n${raw}\nreturn integration()}`;

const outputs = {
  'klaviyo.js':
    '(function(g,f){var I=f();if(typeof define=="function"&&define.amd)define(function(){return I});' +
    'else if(typeof module=="object"&&module&&module.exports)module.exports=I;else g.KlaviyoIntegration=I})' +
    `(typeof self!="undefined"?self:this,${factory});`,
  'klaviyo.dynamic.js':
    '(function(w){var I;w.klaviyoDeps=[];w.klaviyoLoader=function(){w.klaviyoIntegration=I||(I=(' +
    `${factory})())}})(window);`,
};

mkdirSync(distDir, { recursive: true });
for (const [name, wrapped] of Object.entries(outputs)) {
  const result = await minify(wrapped, {
    ecma: 2015,
    // Only transformations that keep the meaning of any code: no `unsafe` or `pure_getters` (the
    // destination reads page objects whose getters may throw, inside try/catch).
    compress: { passes: 3, toplevel: true },
    mangle: { toplevel: true },
    sourceMap: { content: map, url: `${name}.map` },
  });
  const sourceMap = JSON.parse(result.map);
  // Source paths relative to the Java source roots, with nothing of the machine that built them.
  sourceMap.sources = sourceMap.sources.map((source) => source.replace(/^.*\/teavm\/src\/|^src\//, ''));
  sourceMap.sourceRoot = '';
  sourceMap.file = name;
  const code = result.code.replace(/\n?\/\/# sourceMappingURL=.*$/, '');
  writeFileSync(join(distDir, name), `${code}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(join(distDir, `${name}.map`), JSON.stringify(sourceMap));
  const bytes = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`${name}: ${bytes} bytes, ${gz} bytes gzipped`);
}
