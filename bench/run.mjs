#!/usr/bin/env node
// Runs bench/bench.html in headless Chromium against target/dist/klaviyo.js and prints the figures.
// Usage: node bench/run.mjs [--runs N] [--loads N] [--batch-ms N] [--warmup-ms N] [--json FILE] [--profile] [--cpuprofile FILE]
// Env: CHROMIUM (default /usr/bin/chromium), KLAVIYO_BUNDLE (default target/dist/klaviyo.js),
//      BENCH_TIMEOUT_MS (default 180000).
// No npm dependencies: a local HTTP server serves the page, the page POSTs its results back.
import { createServer } from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, dirname, resolve, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipeSession, startProfiler, summarize } from './profile.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

// --- Options. -------------------------------------------------------------------------------------
const opts = { runs: 21, loads: 25, batchMs: 25, warmupMs: 300, json: null, profile: false, cpuprofile: null, ecommerce: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) fail(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--runs') opts.runs = positive(a, value());
  else if (a === '--loads') opts.loads = positive(a, value());
  else if (a === '--batch-ms') opts.batchMs = positive(a, value());
  else if (a === '--warmup-ms') opts.warmupMs = positive(a, value());
  else if (a === '--json') opts.json = value();
  else if (a === '--profile') opts.profile = true;
  else if (a === '--ecommerce') opts.ecommerce = true;
  else if (a === '--cpuprofile') { opts.profile = true; opts.cpuprofile = value(); }
  else if (a === '-h' || a === '--help') {
    console.log('usage: node bench/run.mjs [--runs N] [--loads N] [--batch-ms N] [--warmup-ms N] [--ecommerce] [--json FILE] [--profile] [--cpuprofile FILE]\n'
      + '  --ecommerce   also time the ecommerce events, on a second integration with klaviyoEcommerceMetrics on\n'
      + '  --runs N      timed runs per per-call figure (default 21)\n'
      + '  --loads N     evaluations of the bundle for the load figure (default 25)\n'
      + '  --batch-ms N  least duration of one timed run, ms (default 25)\n'
      + '  --warmup-ms N least warm-up of each call figure before its timed runs, ms (default 300)\n'
      + '  --json FILE   also write the raw figures as JSON\n'
      + '  --profile     CPU-profile the per-call runs (warm-up too) over the DevTools pipe and print where the\n'
      + '                time went (klaviyo.js mapped to Java lines); sampling slows the figures down\n'
      + '  --cpuprofile FILE  --profile, and write the raw profile (opens in DevTools\' Performance panel)');
    process.exit(0);
  } else fail(`unknown argument ${a} (try --help)`);
}
function positive(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`${name} must be a positive integer, got ${text}`);
  return n;
}

// --- Prerequisites. -------------------------------------------------------------------------------
const bundlePath = resolve(process.env.KLAVIYO_BUNDLE || join(root, 'target/dist/klaviyo.js'));
if (!existsSync(bundlePath)) {
  fail(`${bundlePath} is missing: build it first with 'mvn -B -DskipTests package' in the project root`);
}
const chromium = findExecutable(process.env.CHROMIUM || '/usr/bin/chromium');
if (!chromium) {
  fail(`chromium not found (${process.env.CHROMIUM || '/usr/bin/chromium'}): install it ('apt-get install chromium') `
    + 'or point the CHROMIUM environment variable at a Chromium or Chrome binary');
}
function findExecutable(name) {
  const candidates = name.includes('/') ? [name] : (process.env.PATH || '').split(delimiter).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch { /* next */ }
  }
  return null;
}
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS) > 0 ? Number(process.env.BENCH_TIMEOUT_MS) : 180000;

// --- Facts about this machine and build. -----------------------------------------------------------
const bundle = readFileSync(bundlePath);
const facts = {
  date: new Date().toISOString(),
  chromium: commandOutput(chromium, ['--version']) || 'unknown',
  cpu: cpuModel(),
  load: loadAverage(),
  node: process.version,
  bundle: { path: bundlePath, bytes: bundle.length, gzip9: gzipSync(bundle, { level: 9 }).length },
};
function commandOutput(file, args) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30000 }).trim();
  } catch {
    return null;
  }
}
// Other work on the machine shows in the figures: the load average says whether there was any.
function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
function cpuModel() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = (info.match(/^model name\s*:\s*(.*)$/m) || info.match(/^Hardware\s*:\s*(.*)$/m) || [])[1];
    const cores = (info.match(/^processor\s*:/gm) || []).length;
    return `${model ? model.trim() : 'unknown'} (${cores} logical CPUs)`;
  } catch {
    return 'unknown';
  }
}

// --- The local server: the page, its scripts, the bundle, and the results endpoint. -------------
const files = {
  '/': [join(benchDir, 'bench.html'), 'text/html; charset=utf-8'],
  '/bench.html': [join(benchDir, 'bench.html'), 'text/html; charset=utf-8'],
  '/bench.js': [join(benchDir, 'bench.js'), 'text/javascript; charset=utf-8'],
  '/floor.js': [join(benchDir, 'floor.js'), 'text/javascript; charset=utf-8'],
  '/klaviyo.js': [bundlePath, 'text/javascript; charset=utf-8'],
};
let resolveResults;
const results = new Promise((r) => { resolveResults = r; });
const server = createServer((req, res) => {
  // Cross-origin isolation gives performance.now() its finer resolution.
  const headers = {
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  };
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'POST' && path === '/results') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(204, headers).end();
      try {
        resolveResults(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        resolveResults({ error: `unreadable results: ${e.message}` });
      }
    });
    return;
  }
  if (req.method === 'POST' && (path === '/profile/start' || path === '/profile/stop')) {
    profileControl(path).then(
      () => res.writeHead(204, headers).end(),
      (e) => res.writeHead(500, { ...headers, 'content-type': 'text/plain' }).end(String(e && e.message || e)));
    return;
  }
  const file = files[path];
  if (req.method === 'GET' && file) {
    res.writeHead(200, { ...headers, 'content-type': file[1] }).end(readFileSync(file[0]));
  } else {
    res.writeHead(404, headers).end();
  }
});

// --- The optional CPU profile. ----------------------------------------------------------------
let cdp = null;
let stopProfiler = null;
let cpuProfile = null;
async function profileControl(path) {
  if (!cdp) throw new Error('not started with --profile');
  if (path === '/profile/start') {
    stopProfiler = await startProfiler(cdp, `http://127.0.0.1:${server.address().port}/bench.html`, 100);
  } else {
    if (!stopProfiler) throw new Error('the profiler was not started');
    cpuProfile = await stopProfiler();
    stopProfiler = null;
  }
}

// --- Chromium, always killed at the end. ----------------------------------------------------------
let browser = null;
let profileDir = null;
let stderrTail = '';
// Chromium's last words, without the D-Bus complaints every headless start makes in a container.
function chromiumSaid() {
  const lines = stderrTail.split('\n').filter((l) => l.trim() && !/dbus|DBus/.test(l));
  return lines.length ? lines.slice(-15).join('\n') : '(nothing of note on stderr)';
}
function cleanup() {
  if (browser && browser.exitCode === null && browser.signalCode === null) {
    try { process.kill(-browser.pid, 'SIGKILL'); } catch { /* gone */ }
    try { browser.kill('SIGKILL'); } catch { /* gone */ }
  }
  browser = null;
  if (profileDir) {
    try { rmSync(profileDir, { recursive: true, force: true }); } catch { /* best effort */ }
    profileDir = null;
  }
  server.close();
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => { cleanup(); process.exit(130); });
}

async function main() {
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const query = `runs=${opts.runs}&loads=${opts.loads}&batchMs=${opts.batchMs}&warmupMs=${opts.warmupMs}${opts.profile ? '&profile=1' : ''}${opts.ecommerce ? '&ecommerce=1' : ''}`;
  const url = `http://127.0.0.1:${server.address().port}/bench.html?${query}`;
  profileDir = mkdtempSync(join(tmpdir(), 'klaviyo-bench-'));
  browser = spawn(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--no-default-browser-check', '--mute-audio',
    `--user-data-dir=${profileDir}`, ...(opts.profile ? ['--remote-debugging-pipe'] : []), url,
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe', ...(opts.profile ? ['pipe', 'pipe'] : [])] });
  if (opts.profile) {
    for (const fd of [3, 4]) browser.stdio[fd].on('error', () => { /* the pipe closes when Chromium is killed */ });
    cdp = new PipeSession(browser.stdio[3], browser.stdio[4]);
  }
  browser.stderr.on('data', (d) => { stderrTail = (stderrTail + d).slice(-20000); });
  const exited = new Promise((r) => browser.once('exit', (code, signal) => r({ exited: true, code, signal })));
  const spawnError = new Promise((r) => browser.once('error', (e) => r({ error: `could not start ${chromium}: ${e.message}` })));
  let timer;
  const timedOut = new Promise((r) => { timer = setTimeout(() => r({ timeout: true }), timeoutMs); });

  const outcome = await Promise.race([results, exited, spawnError, timedOut]);
  clearTimeout(timer);
  if (outcome.timeout) {
    throw new Error(`no results within ${timeoutMs} ms (BENCH_TIMEOUT_MS); chromium said:\n${chromiumSaid()}`);
  }
  if (outcome.exited) {
    throw new Error(`chromium exited (code ${outcome.code}, signal ${outcome.signal}) before the page posted results:\n${chromiumSaid()}`);
  }
  if (outcome.error && !outcome.calls) {
    throw new Error(`the benchmark page failed: ${outcome.error}`);
  }
  return outcome;
}

// --- The report. ---------------------------------------------------------------------------------
const CASE_NAMES = { identify: 'identify', track: 'track', order: 'Order Completed (3 products)' };

function fixed(x, digits) {
  return x.toFixed(digits);
}
function pad(text, width, right) {
  text = String(text);
  return right ? text.padEnd(width) : text.padStart(width);
}

function report(r) {
  const lines = [];
  lines.push('Klaviyo destination benchmark (bench/run.mjs)');
  lines.push(`date        ${facts.date}`);
  lines.push(`chromium    ${facts.chromium}`);
  lines.push(`user agent  ${r.userAgent}`);
  lines.push(`cpu         ${facts.cpu}, load average before the run ${facts.load}`);
  lines.push(`node        ${facts.node}`);
  lines.push(`bundle      ${facts.bundle.path.startsWith(root) ? facts.bundle.path.slice(root.length + 1) : facts.bundle.path}: `
    + `${facts.bundle.bytes} bytes, ${facts.bundle.gzip9} bytes gzip -9`);
  lines.push(`timer       performance.now() step ${fixed(r.timerResolutionMs * 1000, 1)} µs, crossOriginIsolated=${r.crossOriginIsolated}`);
  lines.push('');

  let mismatch = false;
  const checkText = Object.keys(CASE_NAMES).map((c) => {
    const k = r.checks[c];
    if (!k.equal) mismatch = true;
    return `${CASE_NAMES[c]}: ${k.equal ? 'equal' : 'MISMATCH'} (${k.count} command${k.count === 1 ? '' : 's'})`;
  });
  lines.push(`commands    destination vs floor: ${checkText.join('; ')}`);
  const pushesOk = r.calls.pushes === r.calls.expectedPushes;
  if (!pushesOk) mismatch = true;
  lines.push(`pushes      ${r.calls.pushes} commands reached _learnq in the timed runs, ${r.calls.expectedPushes} expected`
    + `${pushesOk ? '' : '  <-- MISMATCH: some calls sent nothing or too much'}`);
  if (mismatch) {
    lines.push('');
    lines.push('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    lines.push('!!! MISMATCH: the floor and the destination send different commands. Either     !!!');
    lines.push('!!! bench/floor.js is wrong or the destination changed; the ratios below mean   !!!');
    lines.push('!!! nothing until they agree.                                                    !!!');
    lines.push('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    for (const c of Object.keys(CASE_NAMES)) {
      const k = r.checks[c];
      if (k.equal) continue;
      lines.push(`${CASE_NAMES[c]}: first difference at ${k.difference}`);
      lines.push(`  destination: ${k.destination}`);
      lines.push(`  floor:       ${k.floor}`);
    }
  }
  lines.push('');

  const L = r.load;
  lines.push(`Script evaluation to a constructed integration, ms (median of ${r.config.loads} evaluations; min..max)`);
  const loadRow = (name, s) => `  ${pad(name, 44, true)}${pad(fixed(s.median, 3), 9)}   ${fixed(s.min, 3)}..${fixed(s.max, 3)}`;
  lines.push(loadRow('evaluate klaviyo.js (fresh copy of source)', L.evaluate));
  lines.push(loadRow('new KlaviyoIntegration(settings)', L.construct));
  lines.push(loadRow('evaluate + construct', L.total));
  lines.push(`  ${pad('first <script src> load + construct (1 run)', 44, true)}${pad(fixed(L.firstScriptTag, 3), 9)}   (includes the fetch from the local server)`);
  lines.push('');

  lines.push(`Per call through invoke(type, {obj: message}), µs (median of ${r.config.runs} runs; min..max; calls per run)`);
  lines.push(`  ${pad('', 30, true)}${pad('destination', 13)}${pad('floor', 10)}${pad('dest/floor', 12)}   destination range, calls   floor range, calls`);
  for (const c of Object.keys(CASE_NAMES)) {
    const d = r.calls[c].destination, f = r.calls[c].floor;
    lines.push(`  ${pad(CASE_NAMES[c], 30, true)}${pad(fixed(d.median, 3), 13)}${pad(fixed(f.median, 3), 10)}`
      + `${pad(fixed(d.median / f.median, 1) + 'x', 12)}   ${pad(`${fixed(d.min, 3)}..${fixed(d.max, 3)}, ${d.iterations}`, 24, true)}`
      + `${fixed(f.min, 3)}..${fixed(f.max, 3)}, ${f.iterations}`);
  }
  const a = r.calls.alias && r.calls.alias.destination;
  if (a) {
    lines.push(`  ${pad('alias (maps to nothing)', 30, true)}${pad(fixed(a.median, 3), 13)}${pad('-', 10)}${pad('-', 12)}`
      + `   ${fixed(a.min, 3)}..${fixed(a.max, 3)}, ${a.iterations}`);
    lines.push('  (alias: what any call costs the destination before mapping: exported-method glue, facade, handle table)');
  }
  const ECOMMERCE_NAMES = { productViewed: 'Product Viewed', productAdded: 'Product Added (cart of 1 line)',
    checkoutStarted: 'Checkout Started (3 products)', placedOrder: 'Order Completed (3 products)' };
  if (r.calls.productViewed && r.calls.productViewed.ecommerce) {
    lines.push('');
    lines.push('With klaviyoEcommerceMetrics on, µs per call (no floor)');
    for (const c of Object.keys(ECOMMERCE_NAMES)) {
      const e = r.calls[c].ecommerce;
      lines.push(`  ${pad(ECOMMERCE_NAMES[c], 34, true)}${pad(fixed(e.median, 3), 9)}   ${fixed(e.min, 3)}..${fixed(e.max, 3)}, ${e.iterations}`);
    }
  }
  return { text: lines.join('\n'), mismatch };
}

let exitCode = 0;
try {
  const r = await main();
  cleanup();
  const { text, mismatch } = report(r);
  console.log(text);
  if (opts.profile) {
    console.log('');
    if (!cpuProfile) console.log('(no CPU profile was taken)');
    else console.log(summarize(cpuProfile, { bundleUrlSuffix: '/klaviyo.js', bundlePath, mapPath: `${bundlePath}.map`,
      javaRoot: join(root, 'src/main/java') }));
    if (cpuProfile && opts.cpuprofile) writeFileSync(opts.cpuprofile, JSON.stringify(cpuProfile));
    console.log('(figures taken with --profile are slowed down by the sampling; compare them only with each other)');
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ facts, results: r }, null, 2));
  if (mismatch) {
    console.error('bench: MISMATCH between the floor and the destination (see above)');
    exitCode = 2;
  }
} catch (e) {
  cleanup();
  console.error(`bench: ${e.message}`);
  exitCode = 1;
}
process.exit(exitCode);
