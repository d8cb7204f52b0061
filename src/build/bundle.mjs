// Joins the JavaScript shell (src/main/js) and TeaVM's module-less output into the files sites load.
//   1. Each shell file is parsed on its own, so a syntax error names its file and line. The numbers it
//      shares with Java are written in from the Java constants it names (see SHARED_CLASSES).
//   2. Two debugging hooks of TeaVM's runtime are taken out (see DEBUG_HOOKS): nothing in the bundle
//      needs them, and with them gone terser drops what only they used. Each is checked to be there
//      exactly once, so a TeaVM that changes them fails the build instead of shipping them. So is
//      what no code reaches (see "What nothing runs"), which terser cannot drop on its own.
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

// ---------------------------------------------------------------------------------------------------
// What nothing runs: parts of TeaVM's output that no code of the bundle reaches, taken out before
// terser runs (pruneUnreached) and checked for after it in each shipped file (checkUnreached). Each is
// found in TeaVM's output by its shape and must be there exactly once: a TeaVM that changes it fails
// the build instead of shipping it. What is taken out, and why nothing runs it:
//   1. The exception wrapper: TeaVM's JavaError (the JavaScript Error a thrown Java exception
//      becomes), its `typeof Reflect` test, and the symbol "javaException" under which it holds the
//      Java exception. The shipped Java throws nothing: no `throw`, no try block, no checked cast or
//      bound (TeaVM's non-strict mode). The class library methods that would throw (StringBuilder's
//      bounds) are reached only from Java's Object.toString, which left with DEBUG_HOOKS. The shell's
//      guard (klaviyoGuard) catches what JavaScript itself throws, as before.
//   2. The metadata table's entries, and the declarations, of every class that no code but the
//      table names. Today 43 of 70: Throwable, Exception, RuntimeException, ClassCastException and
//      the two bound exceptions; StringBuilder, AbstractStringBuilder, Appendable; Class and the
//      reflection types (AnnotatedElement, GenericDeclaration, Type, TeaVM's ReflectionInfo,
//      ClassInfo, StringInfo); Number, Integer, Character, Comparable, Comparator, Serializable,
//      CharSequence; the classes whose static methods are called but which are never instantiated
//      (Math, Objects, Arrays, TeaVM's Platform, JS and IntegerUtil, and SegmentsKlaviyo,
//      SubscriptionPolicy, Logout, KlaviyoAccount, Revenue, KlaviyoScript, Subscriptions); and the
//      interfaces (JSObject, Values, Commands, Identity, Logout.Cookies, Consent.Effects,
//      FormEvent.Analytics). Which classes is worked out on each build: TeaVM's output is compressed
//      once with the table left out, and a class that its code still names keeps its entry, with
//      its superclasses. The interfaces a kept class lists leave its entry too: only an interface
//      type check would read them, and the build fails if anything reads `superinterfaces`, or
//      TeaVM's list of all classes (reflection).
//   3. The Java array's JavaScript toString (for JavaScript printing a Java array) and its clone
//      (Java's array.clone()). No Java array reaches JavaScript (arrays cross as their typed array,
//      @JSByRef), and no Java code clones an array: the build fails if anything names the clone.
//   4. The Math.imul fallback, for engines without Math.imul: they cannot run the bundle's ES2015
//      (let, arrow functions, Symbol) either.
// No name taken out may be left in a shipped file as a free variable: terser drops what nothing
// reaches, and a reference it kept would be a ReferenceError in a page, so the build fails instead.
//
// Run-time string concatenation in Java (`"a" + b`) compiles to StringBuilder, with its bounds, its
// exceptions and the exception wrapper: hundreds of bytes gzipped. No code of a shipped file may come
// from TeaVM's StringBuilder: checkUnreached fails the build when the file's source map names it.

const { parse: parseJs } = requireTool('acorn');
// The compress options of the outputs below, for the look at what TeaVM's code still names.
const PROBE_COMPRESS = { passes: 3, reduce_funcs: false };
const STRING_BUILDER_SOURCES = /\/java\/lang\/T(?:Abstract)?StringBuilder\.java$/;

// Every node of an acorn tree (ESTree), with its parent.
function walkJs(node, visit, parent = null) {
  visit(node, parent);
  for (const key of Object.keys(node)) {
    const value = node[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child.type == 'string' && key != 'loc') walkJs(child, visit, node);
    }
  }
}

// The spans that take some of a list's items out, with the commas between them. items: {start, end}.
function listSpans(items, gone) {
  const spans = [];
  const firstKept = items.findIndex((item, i) => !gone[i]);
  if (firstKept < 0) return items.length ? [[items[0].start, items[items.length - 1].end]] : [];
  if (firstKept > 0) spans.push([items[0].start, items[firstKept].start]);
  for (let i = firstKept + 1; i < items.length; i++) {
    if (gone[i]) spans.push([items[i - 1].end, items[i].end]);
  }
  return spans;
}

// The text with the spans [start, end, replacement] replaced; by default a span is taken out and its
// line breaks stay, so the source map of the code after it stays right.
function cut(text, spans) {
  const sorted = [...spans].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  sorted.forEach(([start, end, replacement], i) => {
    if (i > 0 && end > sorted[i - 1][0]) throw new Error('bundle.mjs: overlapping cuts in TeaVM\'s output');
    const text1 = replacement ?? text.slice(start, end).replace(/[^\n]/g, '');
    text = text.slice(0, start) + text1 + text.slice(end);
  });
  return text;
}

function one(found, what) {
  if (found.length !== 1) throw new Error(`expected TeaVM's output to have one ${what}, found ${found.length}: has TeaVM changed?`);
  return found[0];
}

// TeaVM's outer function and its statements.
function teavmBody(program) {
  return one(program.body.filter((s) => s.type == 'ExpressionStatement' && s.expression.type == 'CallExpression'
    && s.expression.callee.type == 'FunctionExpression'), 'function holding its code').expression.callee.body.body;
}

// The spans that take out these names' declarations among the statements (a `let` item or a function).
function declarationSpans(statements, names) {
  const spans = [];
  const found = new Set();
  for (const statement of statements) {
    if (statement.type == 'FunctionDeclaration' && names.has(statement.id.name)) {
      spans.push([statement.start, statement.end]);
      found.add(statement.id.name);
    } else if (statement.type == 'VariableDeclaration') {
      const gone = statement.declarations.map((d) => d.id.type == 'Identifier' && names.has(d.id.name));
      statement.declarations.forEach((d, i) => gone[i] && found.add(d.id.name));
      if (gone.every(Boolean)) spans.push([statement.start, statement.end]);
      else spans.push(...listSpans(statement.declarations, gone));
    }
  }
  for (const name of names) if (!found.has(name)) throw new Error(`bundle.mjs: no declaration of ${name} in TeaVM's output`);
  return spans;
}

async function pruneUnreached(raw) {
  const source = (node) => raw.slice(node.start, node.end);
  let program = parseJs(raw, { ecmaVersion: 'latest', sourceType: 'script' });
  let body = teavmBody(program);
  const spans = [];
  // Each name taken out, and what it was.
  const names = new Map();
  const nodes = [];
  walkJs(program, (node) => nodes.push(node));

  // 1. The exception wrapper: `if (typeof Reflect === 'object') { JavaError = ... } else { JavaError = Error; }`.
  const wrapper = one(body.filter((s) => s.type == 'IfStatement' && /^typeof Reflect\s*===\s*['"]object['"]$/.test(source(s.test))
    && /Symbol\("defaultMessage"\)/.test(source(s.consequent))), 'exception wrapper (JavaError)');
  const wrapperName = /^\{\s*([\w$]+)\s*=\s*Error;?\s*\}$/.exec(source(wrapper.alternate))?.[1];
  if (!wrapperName) throw new Error(`unexpected exception wrapper in TeaVM's output: ${source(wrapper.alternate)}`);
  spans.push([wrapper.start, wrapper.end]);
  names.set(wrapperName, 'the exception wrapper (JavaError): Java code throws');
  // With it, the symbol under which it holds the Java exception (terser keeps a Symbol() call).
  const exceptionSymbol = one(body.filter((s) => s.type == 'VariableDeclaration').flatMap((s) => s.declarations)
    .filter((d) => d.init && /^Symbol\(["']javaException["']\)$/.test(source(d.init))), 'Symbol("javaException")').id.name;
  names.set(exceptionSymbol, 'the exception wrapper\'s symbol: Java code throws');

  // 3. The Java array's toString and clone, assigned to JavaArray.prototype in TeaVM's $rt_arraycls.
  const arrayMethods = nodes.filter((n) => n.type == 'ExpressionStatement' && n.expression.type == 'AssignmentExpression'
    && /^JavaArray\.prototype\.[\w$]+$/.test(source(n.expression.left)));
  const arrayToString = one(arrayMethods.filter((n) => n.expression.left.property.name == 'toString'), 'JavaArray.prototype.toString');
  const arrayClone = one(arrayMethods.filter((n) => /^function\s*\(\)\s*\{\s*let dataCopy;/.test(source(n.expression.right))),
    'Java array clone (JavaArray.prototype.<clone> = function() { let dataCopy; ...)');
  const cloneName = arrayClone.expression.left.property.name;
  spans.push([arrayToString.start, arrayToString.end], [arrayClone.start, arrayClone.end]);

  // 4. The Math.imul fallback: `Math.imul || function(a, b) {...}` becomes `Math.imul`.
  const imul = one(nodes.filter((n) => n.type == 'LogicalExpression' && n.operator == '||' && source(n.left) == 'Math.imul'
    && n.right.type == 'FunctionExpression'), 'Math.imul fallback');
  spans.push([imul.left.end, imul.end]);

  spans.push(...declarationSpans(body, new Set([wrapperName, exceptionSymbol])));
  raw = cut(raw, spans);

  // 2. The metadata table: calls of $rt_metadata, whose entries are
  //    class, name, [package if a name], superclass, [interfaces], modifiers, inner class, clinit, methods.
  program = parseJs(raw, { ecmaVersion: 'latest', sourceType: 'script' });
  body = teavmBody(program);
  const declarators = body.filter((s) => s.type == 'VariableDeclaration').flatMap((s) => s.declarations)
    .filter((d) => d.init && d.id.type == 'Identifier');
  const metadataFunction = one(declarators.filter((d) => /^data\s*=>\s*\{\s*let packages\s*=/.test(source(d.init))),
    'metadata function ($rt_metadata)');
  const metadataName = metadataFunction.id.name;
  const allClassesName = one([...source(metadataFunction.init).matchAll(/([\w$]+)\.push\(cls\)/g)], 'list of all classes')[1];
  const classFunction = one(declarators.filter((d) => /^superclass\s*=>\s*\{\s*if\s*\(superclass\s*===\s*0\)/.test(source(d.init))),
    'class function ($rt_classWithoutFields)').id.name;
  const tables = [];
  walkJs(program, (n) => {
    if (n.type == 'CallExpression' && n.callee.type == 'Identifier' && n.callee.name == metadataName) {
      if (n.arguments.length != 1 || n.arguments[0].type != 'ArrayExpression') throw new Error('unexpected metadata call in TeaVM\'s output');
      tables.push(n.arguments[0]);
    }
  });
  if (!tables.length) throw new Error('expected TeaVM\'s output to call its metadata function: has TeaVM changed?');
  const isZero = (n) => n.type == 'Literal' && n.value === 0;
  const entries = tables.map((table) => {
    const e = table.elements;
    const list = [];
    for (let i = 0; i < e.length;) {
      const first = i;
      const cls = e[i++];
      const named = !isZero(e[i++]);
      if (named) i++;
      const [parent, interfaces, modifiers, inner, clinit, methods] = e.slice(i, i + 6);
      i += 6;
      if (cls?.type != 'Identifier' || !(isZero(parent) || parent?.type == 'Identifier') || interfaces?.type != 'ArrayExpression'
        || interfaces.elements.some((x) => x.type != 'Identifier') || modifiers?.type != 'Literal' || !methods) {
        throw new Error(`unexpected metadata entry in TeaVM's output: ${raw.slice(cls.start, (methods || cls).end)}`);
      }
      list.push({ name: cls.name, parent: isZero(parent) ? null : parent.name, interfaces, clinit, methods,
        start: e[first].start, end: methods.end });
    }
    return list;
  });
  const all = entries.flat();

  // What TeaVM's code names with the table left out: compressed as the outputs are, every class
  // declaration marked as the pure call it is, the functions the shell calls (TeaVM's top `var`s)
  // handed to a function terser does not know, so they stay.
  const exported = program.body.filter((s) => s.type == 'VariableDeclaration').flatMap((s) => s.declarations.map((d) => d.id.name));
  const liveMethods = all.filter((entry) => !isZero(entry.methods)).map((entry) => source(entry.methods));
  const probeSpans = tables.map((table) => [table.start + 1, table.end - 1]);
  for (const d of declarators) {
    if (d.init.type == 'CallExpression' && d.init.callee.type == 'Identifier' && d.init.callee.name == classFunction) {
      probeSpans.push([d.init.start, d.init.start, '/*@__PURE__*/']);
    }
  }
  const probe = `(function(){${cut(raw, probeSpans)}\nkeepForProbe(${[...exported, ...liveMethods].join(',')})})()`;
  const compressed = await minify(probe, { ecma: 2015, compress: PROBE_COMPRESS, mangle: false });
  const named = new Set();
  let readsInterfaces = false;
  walkJs(parseJs(compressed.code, { ecmaVersion: 'latest', sourceType: 'script' }), (n, parent) => {
    if (n.type == 'Identifier' && !(parent?.type == 'MemberExpression' && parent.property == n && !parent.computed)
      && !(parent?.type == 'Property' && parent.key == n && !parent.computed)) {
      named.add(n.name);
      if (n.name == allClassesName && !(parent?.type == 'MemberExpression' && parent.object == n && parent.property.name == 'push')
        && !(parent?.type == 'VariableDeclarator' && parent.id == n)) {
        throw new Error('TeaVM\'s code reads its list of all classes (reflection?): the metadata table cannot be pruned');
      }
    }
    if (n.type == 'MemberExpression' && !n.computed && n.property.name == 'superinterfaces'
      && !(parent?.type == 'AssignmentExpression' && parent.left == n)) {
      readsInterfaces = true;
    }
    if ((n.type == 'MemberExpression' && !n.computed && n.property.name == cloneName) || (n.type == 'Literal' && n.value === cloneName)) {
      throw new Error(`Java code clones an array (${cloneName}): keep JavaArray.prototype.${cloneName}`);
    }
  });
  if (readsInterfaces) {
    throw new Error('TeaVM\'s code reads a class\'s interfaces from its metadata (an interface type check): the metadata table cannot be pruned');
  }
  const byName = new Map(all.map((entry) => [entry.name, entry]));
  const kept = new Set();
  const keep = (name) => {
    if (name && byName.has(name) && !kept.has(name)) {
      kept.add(name);
      keep(byName.get(name).parent);
    }
  };
  for (const entry of all) if (named.has(entry.name)) keep(entry.name);
  const gone = new Set(all.filter((entry) => !kept.has(entry.name)).map((entry) => entry.name));

  const tableSpans = [];
  for (const list of entries) {
    tableSpans.push(...listSpans(list, list.map((entry) => gone.has(entry.name))));
    for (const entry of list.filter((x) => kept.has(x.name))) {
      tableSpans.push(...listSpans(entry.interfaces.elements, entry.interfaces.elements.map((x) => gone.has(x.name))));
    }
  }
  tableSpans.push(...declarationSpans(body, gone));
  raw = cut(raw, tableSpans);
  for (const name of gone) names.set(name, 'a class taken out of the metadata table');
  console.log(`TeaVM's output: ${gone.size} of ${all.length} classes of the metadata table, the exception wrapper, `
    + 'the array\'s toString and clone and the Math.imul fallback taken out');
  return { raw, names, cloneName };
}

// After terser: nothing taken out is still named (a free variable would be a ReferenceError in a
// page), the array's clone is named nowhere, and no code comes from TeaVM's StringBuilder.
async function checkUnreached(file, code, sourceMap, esModule, pruned) {
  // First, as StringBuilder brings the exception wrapper back: this says why.
  const builder = sourceMap.sources.filter((source) => STRING_BUILDER_SOURCES.test(source));
  if (builder.length) {
    throw new Error(`${file} has code from ${builder.join(', ')}: shipped Java concatenates strings at run time `
      + '(or calls a class library method that does). Join strings through the port (Values.join), or use '
      + 'compile-time constants; the source map shows which Java line pulls it in.');
  }
  const parsed = await minify(code, { module: esModule, compress: false, mangle: false, format: { ast: true, code: false } });
  parsed.ast.figure_out_scope({});
  const left = [...parsed.ast.globals.keys()].filter((name) => pruned.names.has(name));
  if (left.length) {
    throw new Error(`${file} still uses what bundle.mjs took out of TeaVM's output as unreached: `
      + `${left.map((name) => `${name}, ${pruned.names.get(name)}`).join('; ')}. Keep it (see "What nothing runs" in `
      + 'src/build/bundle.mjs), or take out the Java that reaches it');
  }
  const clone = pruned.cloneName.replace(/\$/g, '\\$');
  if (new RegExp(`\\.${clone}(?![\\w$])|["']${clone}["']`).test(code)) {
    throw new Error(`${file} clones a Java array (.${pruned.cloneName}), whose clone bundle.mjs took out`);
  }
}
// ---------------------------------------------------------------------------------------------------

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
const pruned = await pruneUnreached(raw);
raw = pruned.raw;

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
  await checkUnreached(name, code, sourceMap, !!esModule, pruned);
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
