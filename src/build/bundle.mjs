// Joins the JavaScript shell (src/main/js) and TeaVM's module-less output into the files sites load.
//   1. Each shell file is parsed on its own, so a syntax error names its file and line. The numbers it
//      shares with Java are written in from the Java constants it names (see SHARED_CLASSES).
//   2. Two debugging hooks of TeaVM's runtime are taken out (see DEBUG_HOOKS): nothing in the bundle
//      needs them, and with them gone terser drops what only they used. Each is checked to be there
//      exactly once, so a TeaVM that changes them fails the build instead of shipping them.
//   3. The factory: "use strict", the shell, TeaVM's output, bundleStart(), `return Klaviyo`. Two
//      wrappers expose the constructor it returns:
//      klaviyo.js          UMD: window.KlaviyoIntegration, or the module's export under CommonJS / AMD.
//      klaviyo.dynamic.js  what Analytics Next loads for a classic destination: klaviyoDeps + klaviyoLoader.
//      Two more make the npm package (with step 5), neither touching a global:
//      klaviyo.mjs         ES module: export KlaviyoIntegration, and klaviyo(settings), the plugin.
//      klaviyo.cjs         CommonJS: the same two as exports.
//   4. terser minifies each once more (TeaVM keeps the runtime's local names and long-hand syntax),
//      following a source map of the joined factory, so the final map points at the shell's files and
//      the Java sources: ours, and those of TeaVM's runtime that the code came from (TeaVM copies
//      them next to its map). Each map carries the text of every source it names (sourcesContent),
//      so that a site's devtools, bundler and error tracker show the code without fetching anything;
//      TeaVM's runtime is on its ignoreList, so debuggers step over it.
//   5. The npm package in <npm dir>: the two modules, package.json (src/main/npm's, with the pom's
//      version), the types (src/main/npm/klaviyo.d.ts, as .d.ts for require and .d.mts for import),
//      README.md and LICENSE. Maven packs it with npm pack.
// Usage: node src/build/bundle.mjs <teavm output dir> <dist dir> <version> <npm dir>
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

// terser is pinned with the host libraries in test-pages/package.json; its source-map library too.
const requireTool = createRequire(new URL('../../test-pages/package.json', import.meta.url));
const { minify } = requireTool('terser');
const { SourceMapConsumer, SourceMapGenerator } = createRequire(requireTool.resolve('terser'))('@jridgewell/source-map');

const [teavmDir, distDir, version, npmDir] = process.argv.slice(2);
if (!/^\d+\.\d+\.\d+/.test(version || '') || !npmDir) {
  throw new Error(`usage: bundle.mjs <teavm dir> <dist dir> <version> <npm dir>, got ${process.argv.slice(2)}`);
}

// The shell, in the order it is joined: the port first, the shapes hosts see last.
const SHELL = ['port.js', 'debug.js', 'storage.js', 'identity.js', 'trusted-types.js', 'loader.js', 'forms.js',
  'subscriptions.js', 'consent.js', 'integration.js', 'plugin.js'];
const shellDir = new URL('../main/js/', import.meta.url);

// TeaVM 0.16 installs, on java.lang.Object's prototype, a JavaScript toString (Java's Object.toString
// with its hex hash code, for when JavaScript turns a Java object into a string) and __teavm_class__
// (for debuggers). The destination never lets JavaScript print a Java object, so both go. Their line
// breaks stay, so the source map of the code around them stays right. (Spaces are optional: the
// patterns match TeaVM's output minified or not.)
const DEBUG_HOOKS = [
  /[\w$]+\.prototype\.toString\s*=\s*function\(\)\s*\{\s*return [\w$]+\([\w$]+\(this\)\);\s*\};/g,
  /[\w$]+\.prototype\.__teavm_class__\s*=\s*function\(\)\s*\{\s*return [\w$]+\(this\);\s*\};/g,
];
// TeaVM's glue for JavaScript calling a method of a Java object (an apply and two arrays a call). The
// shell calls Java only through Bundle's static functions, which need none: if it appears, a Java
// method became callable from JavaScript by mistake.
const CALL_WITH_RECEIVER = /f\.apply\(null,\s*\[this\]\.concat\(/;

let raw = readFileSync(join(teavmDir, 'klaviyo.raw.js'), 'utf8')
  .replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '')
  .trimEnd();
if (!raw.startsWith('"use strict";')) throw new Error("expected TeaVM's output to start with \"use strict\": has TeaVM changed?");
// The factory is strict as a whole; the directive moves to its top, the line break stays.
raw = raw.slice('"use strict";'.length);
for (const hook of DEBUG_HOOKS) {
  const found = raw.match(hook) || [];
  if (found.length !== 1) {
    throw new Error(`expected TeaVM's runtime to have one ${hook}, found ${found.length}: has TeaVM changed?`);
  }
  raw = raw.replace(hook, (text) => text.replace(/[^\n]/g, ''));
}
if (CALL_WITH_RECEIVER.test(raw)) {
  throw new Error('TeaVM generated glue for JavaScript calling a Java object\'s method: call Java through Bundle\'s static functions');
}

// The numbers the shell shares with Java have one home, the Java constant: the shell names it as Java
// does (Values.OBJECT, SubscriptionPolicy.DONE), and here each name becomes its value, read from the
// Java source, so it costs nothing at run time. A name that is no such constant, or whose value is not
// a plain number, fails the build. What was written goes to target/shell-numbers.json, which
// SharedNumbersTest checks against the compiled Java classes.
const SHARED_CLASSES = ['Values', 'SubscriptionPolicy'];
const SHARED_NAME = new RegExp(`\\b(${SHARED_CLASSES.join('|')})\\.([A-Z][A-Z0-9_]*)\\b`, 'g');
const sharedNumbers = {};
const javaConstants = Object.fromEntries(SHARED_CLASSES.map((owner) => {
  const java = readFileSync(new URL(`../main/java/destination/klaviyo/core/${owner}.java`, import.meta.url), 'utf8');
  const constants = {};
  for (const [, name, value] of java.matchAll(/^\s*(?:public\s+)?(?:static\s+)?(?:final\s+)?(?:int|double)\s+([A-Z][A-Z0-9_]*)\s*=\s*(-?\d+)\s*;/gm)) {
    constants[name] = Number(value);
  }
  return [owner, constants];
}));
function shareNumbers(name, source) {
  return source.replace(SHARED_NAME, (text, owner, constant) => {
    const value = javaConstants[owner][constant];
    if (value === undefined) {
      throw new Error(`src/main/js/${name}: ${text} is no constant of ${owner}.java with a number for its value`);
    }
    sharedNumbers[text] = value;
    return value < 0 ? `(${value})` : String(value);
  });
}

// The factory's lines, and a source map from them to the shell's files and (through TeaVM's map) Java.
const lines = ['function(){"use strict";'];
const factoryMap = new SourceMapGenerator({ file: 'factory.js' });
for (const name of SHELL) {
  const source = readFileSync(new URL(name, shellDir), 'utf8');
  try {
    await minify({ [name]: source }, { compress: false, mangle: false, ecma: 2015 });
  } catch (e) {
    throw new Error(`src/main/js/${name}:${e.line}:${e.col}: ${e.message}`);
  }
  // The map keeps the shell's own text (the names); the factory gets the numbers, on the same lines.
  const sourceLines = shareNumbers(name, source).replace(/\n$/, '').split('\n');
  sourceLines.forEach((line, i) => {
    // Each line of the shell maps to itself: good enough for a stack trace or a breakpoint.
    factoryMap.addMapping({ generated: { line: lines.length + i + 1, column: 0 }, source: `js/${name}`,
      original: { line: i + 1, column: 0 } });
  });
  factoryMap.setSourceContent(`js/${name}`, source);
  lines.push(...sourceLines);
}
// One source of truth for the version: the pom, handed over by Maven.
lines.push(`var KLAVIYO_VERSION = ${JSON.stringify(version)};`);
const teavmFirstLine = lines.length + 1;
const teavmMap = await new SourceMapConsumer(JSON.parse(readFileSync(join(teavmDir, 'klaviyo.raw.js.map'), 'utf8')));
teavmMap.eachMapping((m) => {
  if (m.source == null) return;
  factoryMap.addMapping({ generated: { line: teavmFirstLine + m.generatedLine - 1, column: m.generatedColumn },
    source: m.source, original: { line: m.originalLine, column: m.originalColumn } });
});
// The Java sources, as TeaVM copied them (sourceFilesCopied in the pom); the map's sources are relative
// to the teavm directory. One missing (say, a -sources jar Maven could not fetch) fails the build.
for (const source of teavmMap.sources) {
  const file = join(teavmDir, source);
  if (!existsSync(file)) throw new Error(`${file} is missing: TeaVM copies the sources its map names (sourceFilesCopied)`);
  factoryMap.setSourceContent(source, readFileSync(file, 'utf8'));
}
lines.push(...raw.split('\n'));
lines.push('bundleStart();return Klaviyo}');
const factory = lines.join('\n');

// Each wrapper keeps the factory on lines of its own: the wrapper's first line is one more line.
const map = factoryMap.toJSON();
map.mappings = ';' + map.mappings;
// Each output: its folder, its wrapper, and whether it is an ES module (terser then minifies it as one).
const outputs = [
  [distDir, 'klaviyo.js',
    '(function(g,f){var I=f();if(typeof define=="function"&&define.amd)define(function(){return I});' +
    'else if(typeof module=="object"&&module&&module.exports)module.exports=I;else g.KlaviyoIntegration=I})' +
    `(typeof self!="undefined"?self:this,\n${factory});`],
  [distDir, 'klaviyo.dynamic.js',
    '(function(w){var I;w.klaviyoDeps=[];w.klaviyoLoader=function(){w.klaviyoIntegration=I||(I=(' +
    `\n${factory})())}})(window);`],
  // The factory runs on import and defines no global; sideEffects: false lets a bundler drop it unused.
  [npmDir, 'klaviyo.mjs',
    `var KlaviyoIntegration=(\n${factory})();` +
    'function klaviyo(settings){return KlaviyoIntegration.plugin(settings)}export{KlaviyoIntegration,klaviyo};', true],
  [npmDir, 'klaviyo.cjs',
    `"use strict";var I=(\n${factory})();` +
    'exports.KlaviyoIntegration=I;exports.klaviyo=function(settings){return I.plugin(settings)};'],
];

mkdirSync(distDir, { recursive: true });
writeFileSync(join(distDir, '..', 'shell-numbers.json'), `${JSON.stringify(sharedNumbers, null, 2)}\n`);
rmSync(npmDir, { recursive: true, force: true });
mkdirSync(npmDir, { recursive: true });
for (const [dir, name, wrapped, esModule] of outputs) {
  const result = await minify(wrapped, {
    ecma: 2015,
    module: !!esModule,
    // Only transformations that keep the meaning of any code: no `unsafe` or `pure_getters` (the
    // destination reads page objects whose getters may throw, inside try/catch). No reduce_funcs:
    // a function used once, moved into a braceless `if` as a function expression, makes HtmlUnit's
    // engine reject the `let` inside it ("let declaration not directly within block").
    // Top-level names are the file's own only in a module (the .mjs, and the .cjs, which Node and
    // bundlers wrap in a function). klaviyo.js and klaviyo.dynamic.js are classic scripts: there,
    // terser would turn the wrapper's function into top-level `var`s, page globals that a page's own
    // variables (or a second copy of the bundle) overwrite.
    compress: { passes: 3, toplevel: dir == npmDir, reduce_funcs: false },
    mangle: { toplevel: dir == npmDir },
    sourceMap: { content: map, url: `${name}.map`, includeSources: true },
  });
  const sourceMap = JSON.parse(result.map);
  // Source paths relative to the Java source roots and src/main, with nothing of the machine that built them.
  sourceMap.sources = sourceMap.sources.map((source) => source.replace(/^.*\/teavm\/src\/|^src\//, ''));
  sourceMap.sourceRoot = '';
  sourceMap.file = name;
  const missing = sourceMap.sources.filter((source, i) => typeof (sourceMap.sourcesContent || [])[i] != 'string');
  if (missing.length) throw new Error(`${name}.map has no text for ${missing.join(', ')}`);
  // https://tc39.es/ecma426/#sec-source-map-format (ignoreList)
  sourceMap.ignoreList = sourceMap.sources.flatMap((source, i) => (source.startsWith('org/teavm/') ? [i] : []));
  const code = result.code.replace(/\n?\/\/# sourceMappingURL=.*$/, '');
  writeFileSync(join(dir, name), `${code}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(join(dir, `${name}.map`), JSON.stringify(sourceMap));
  const bytes = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`${name}: ${bytes} bytes, ${gz} bytes gzipped`);
}

// The npm package's other files. package.json is src/main/npm's with the pom's version: one source of
// truth for the version, as for the bundle's.
const npmSources = new URL('../main/npm/', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('package.json', npmSources), 'utf8'));
packageJson.version = version;
writeFileSync(join(npmDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
for (const [from, to] of [['klaviyo.d.ts', 'klaviyo.d.ts'], ['klaviyo.d.ts', 'klaviyo.d.mts'],
  ['README.md', 'README.md'], ['LICENSE', 'LICENSE']]) {
  copyFileSync(new URL(from, npmSources), join(npmDir, to));
}
