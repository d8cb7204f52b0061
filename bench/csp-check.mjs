#!/usr/bin/env node
// The demo's flow in real headless Chromium under a strict Content-Security-Policy with Trusted
// Types, three times:
//   allowed    the CSP enforces Trusted Types (require-trusted-types-for 'script') and names the
//              destination's policy (trusted-types klaviyo-destination default): Klaviyo's script
//              loads through it and Klaviyo gets the page's commands, with no violation;
//   forbidden  the CSP enforces them and names only the site's default policy, which refuses
//              Klaviyo's address: the destination cannot make its policy, tries the plain address,
//              which the browser refuses too, and gives up cleanly: analytics.ready() still fires,
//              its debug line says why, nothing is thrown, and Klaviyo's script is never requested;
//   listed     the CSP names only the default policy but does not enforce Trusted Types (no
//              require-trusted-types-for): the destination cannot make its policy, and the plain
//              address loads Klaviyo's script, which gets the page's commands.
// The page (csp.html, csp-page.js) is served from 127.0.0.1 with Analytics Next and this build's
// klaviyo.dynamic.js; Klaviyo's address is answered with test-pages/klaviyo-standin.js through the
// DevTools protocol, and every other address is refused: nothing reaches the network.
// Usage: mvn -B -DskipTests package && node bench/csp-check.mjs
// Env: CHROMIUM (default /usr/bin/chromium), CSP_CHECK_TIMEOUT_MS (default 60000). Exits 0 when all pass.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const timeoutMs = Number(process.env.CSP_CHECK_TIMEOUT_MS) > 0 ? Number(process.env.CSP_CHECK_TIMEOUT_MS) : 60000;
const umd = join(root, 'test-pages/node_modules/@segment/analytics-next/dist/umd');
const dynamic = join(root, 'target/dist/klaviyo.dynamic.js');
const standIn = join(root, 'test-pages/klaviyo-standin.js');
for (const [file, how] of [[dynamic, 'mvn -B -DskipTests package'], [join(umd, 'standalone.js'), 'mvn -B -DskipTests package'],
  [chromium, "apt-get install chromium, or set CHROMIUM"]]) {
  if (!existsSync(file)) {
    console.error(`csp-check: ${file} is missing (${how})`);
    process.exit(1);
  }
}

const STRICT = "default-src 'none'; script-src 'self' https://static.klaviyo.com; connect-src 'self';"
  + " base-uri 'none'; object-src 'none'";
const ENFORCED = `${STRICT}; require-trusted-types-for 'script'`;
const CASES = {
  allowed: `${ENFORCED}; trusted-types klaviyo-destination default`,
  forbidden: `${ENFORCED}; trusted-types default`,
  listed: `${STRICT}; trusted-types default`,
};
const SETTINGS = JSON.stringify({
  integrations: {
    'Segment.io': { apiKey: 'csp', unbundledIntegrations: [], addBundledMetadata: true, maybeBundledConfigIds: {},
      versionSettings: { version: '4.4.7', componentTypes: ['browser'] } },
    Klaviyo: { apiKey: 'CSP001', versionSettings: { version: '1.0.0', componentTypes: ['browser'] },
      type: 'browser', bundlingStatus: 'bundled' },
  },
  plan: { track: { __default: { enabled: true, integrations: {} } } },
  edgeFunction: {}, analyticsNextEnabled: true, middlewareSettings: {}, enabledMiddleware: {},
  metrics: { sampleRate: 0 }, legacyVideoPluginsEnabled: false, remotePlugins: [],
});

// --- The local server: the page under each case's CSP, Segment's CDN, and /results. -------------
let resolveResults;
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  const send = (type, body, headers = {}) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  const js = (file) => send('text/javascript; charset=utf-8', readFileSync(file));
  let m;
  if (req.method == 'POST' && path == '/results') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => { res.writeHead(204).end(); resolveResults(JSON.parse(Buffer.concat(chunks).toString('utf8'))); });
  } else if ((m = /^\/(allowed|forbidden|listed)\.html$/.exec(path))) {
    send('text/html; charset=utf-8', readFileSync(join(benchDir, 'csp.html')), { 'content-security-policy': CASES[m[1]] });
  } else if (path == '/csp-page.js') {
    js(join(benchDir, 'csp-page.js'));
  } else if (/^\/analytics\.js\/v1\/[\w-]+\/analytics\.min\.js$/.test(path)) {
    js(join(umd, 'standalone.js'));
  } else if ((m = /^\/analytics-next\/bundles\/([\w.-]+\.js)$/.exec(path)) && existsSync(join(umd, m[1]))) {
    js(join(umd, m[1]));
  } else if (/^\/v1\/projects\/[\w-]+\/settings$/.test(path)) {
    send('application/json', SETTINGS);
  } else if (path == '/next-integrations/integrations/klaviyo/1.0.0/klaviyo.dynamic.js.gz') {
    js(dynamic);
  } else {
    res.writeHead(404).end();
  }
});

// --- A minimal DevTools protocol client over --remote-debugging-pipe (fd 3 out, fd 4 in). --------
function devTools(toBrowser, fromBrowser, onEvent) {
  let nextId = 1, buffer = '';
  const pending = new Map();
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffer += chunk;
    for (let end; (end = buffer.indexOf('\0')) >= 0; buffer = buffer.slice(end + 1)) {
      const message = JSON.parse(buffer.slice(0, end));
      const waiter = message.id !== undefined && pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter.resolve(message.result);
      } else if (message.method) {
        onEvent(message);
      }
    }
  });
  return (method, params = {}, sessionId) => new Promise((resolveSend, reject) => {
    const id = nextId++;
    pending.set(id, { resolve: resolveSend, reject, method });
    toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  });
}

/** Opens one case's page in a fresh headless Chromium; returns the page's record and the requests seen. */
async function run(name) {
  const results = new Promise((r) => { resolveResults = r; });
  const profile = mkdtempSync(join(tmpdir(), 'klaviyo-csp-'));
  const browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--no-default-browser-check', '--remote-debugging-pipe',
    `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  for (const fd of [3, 4]) browser.stdio[fd].on('error', () => { /* closes when Chromium is killed */ });
  const requests = { klaviyo: [], refused: [] };
  let send;
  send = devTools(browser.stdio[3], browser.stdio[4], (event) => {
    if (event.method != 'Fetch.requestPaused') return;
    const { requestId, request } = event.params;
    const reply = request.url.startsWith('http://127.0.0.1:') ? ['Fetch.continueRequest', { requestId }]
      : request.url.startsWith('https://static.klaviyo.com/onsite/js/')
        ? ['Fetch.fulfillRequest', { requestId, responseCode: 200, body: readFileSync(standIn).toString('base64'),
          responseHeaders: [{ name: 'Content-Type', value: 'text/javascript' }] }]
        : ['Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }];
    (reply[0] == 'Fetch.fulfillRequest' ? requests.klaviyo : reply[0] == 'Fetch.failRequest' ? requests.refused : [])
      .push(request.url);
    send(reply[0], reply[1], event.sessionId).catch(() => { /* the page went away */ });
  });
  let timer;
  try {
    const { targetInfos } = await send('Target.getTargets');
    const page = targetInfos.find((t) => t.type == 'page');
    const { sessionId } = await send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    await send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, sessionId);
    await send('Page.navigate', { url: `http://127.0.0.1:${server.address().port}/${name}.html` }, sessionId);
    const record = await Promise.race([results, new Promise((r, reject) => {
      timer = setTimeout(() => reject(new Error(`${name}: no results within ${timeoutMs} ms`)), timeoutMs);
    })]);
    return { record, requests };
  } finally {
    clearTimeout(timer);
    // Chromium's helper processes may still write to the profile for a moment after it exits.
    const exited = new Promise((r) => browser.once('exit', r));
    browser.kill('SIGKILL');
    await exited;
    for (let attempt = 0; ; attempt++) {
      try {
        rmSync(profile, { recursive: true, force: true });
        break;
      } catch (e) {
        if (attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}

function check(name, { record, requests }) {
  const problems = [];
  const expect = (ok, what) => { if (!ok) problems.push(what); };
  expect(record.ready, 'analytics.ready() never fired');
  expect(record.errors.length == 0, `errors in the page: ${record.errors.join('; ')}`);
  expect(requests.refused.length == 0, `requests to other addresses (refused): ${requests.refused.join(', ')}`);
  const policy = record.violations.filter((v) => /^trusted-types .*klaviyo-destination/.test(v));
  if (name == 'forbidden') {
    expect(requests.klaviyo.length == 0, `Klaviyo's script requested: ${requests.klaviyo.join(', ')}`);
    expect(record.log.includes("analytics:Klaviyo gave up: Trusted Types refuse Klaviyo's script"),
      `no debug line saying why; the destination logged: ${JSON.stringify(record.log)}`);
    expect(policy.length == 1, `violations: ${record.violations.join('; ')}`);
    expect(record.violations.every((v) => /^(trusted-types|require-trusted-types-for) /.test(v)),
      `violations: ${record.violations.join('; ')}`);
  } else {
    expect(requests.klaviyo.length == 1 && requests.klaviyo[0] == 'https://static.klaviyo.com/onsite/js/CSP001/klaviyo.js?company_id=CSP001',
      `Klaviyo's script requested ${JSON.stringify(requests.klaviyo)}`);
    // listed: the policy's creation is reported (the CSP does not name it), and nothing else.
    expect(record.violations.length == (name == 'listed' ? 1 : 0) && policy.length == record.violations.length,
      `CSP violations: ${record.violations.join('; ')}`);
    const commands = record.commands.map((c) => JSON.parse(c)[0] + (JSON.parse(c)[1] && typeof JSON.parse(c)[1] == 'string' ? ' ' + JSON.parse(c)[1] : ''));
    expect(JSON.stringify(commands) == JSON.stringify(['account CSP001', 'identify', 'track Checked under a strict CSP']),
      `Klaviyo's commands: ${JSON.stringify(record.commands)}`);
  }
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name.padEnd(9)} ${CASES[name]}`);
  for (const p of problems) console.log(`       ${p}`);
  if (!problems.length) {
    console.log(`       Klaviyo got ${record.commands.length} command(s); violations: ${record.violations.length ? record.violations.join('; ') : 'none'}`);
  }
  return problems.length == 0;
}

await new Promise((r) => server.listen(0, '127.0.0.1', r));
let passed = true;
try {
  for (const name of Object.keys(CASES)) passed = check(name, await run(name)) && passed;
} catch (e) {
  console.error(`csp-check: ${e.message}`);
  passed = false;
} finally {
  server.close();
}
process.exit(passed ? 0 : 1);
