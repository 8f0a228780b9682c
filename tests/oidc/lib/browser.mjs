// Headless Debian Chromium through playwright-core, limited to loopback pages, for the browser scripts.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const CHROMIUM = process.env.MATRIXCTL_TEST_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Every host but the loopback ones resolves to nothing, so no request can leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost, EXCLUDE [::1]',
];

export class BrowserScriptError extends Error {}

// True for http(s) URLs on 127.0.0.1, [::1] or localhost.
export function isLoopbackUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
}

// Prints one line of what the browser saw on standard output, and appends it to
// $MATRIXCTL_TEST_BROWSER_LOG when that is set.
export function report(line) {
  process.stdout.write(`browser: ${line}\n`);
  if (process.env.MATRIXCTL_TEST_BROWSER_LOG) {
    appendFileSync(process.env.MATRIXCTL_TEST_BROWSER_LOG, `browser: ${line}\n`);
  }
}

// Starts Chromium with a fresh temporary profile. Every request to a non-loopback URL is
// aborted. Returns { page, close }; close() also deletes the profile.
export async function openBrowser(timeoutMs) {
  const profile = mkdtempSync(join(tmpdir(), 'matrixctl-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: timeoutMs,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new BrowserScriptError(`cannot start ${CHROMIUM}: ${error.message.split('\n')[0]}; install Debian's chromium package (scripts/bootstrap) or set MATRIXCTL_TEST_CHROMIUM`);
  }
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url) || url.startsWith('data:') || url.startsWith('about:')) {
      return route.continue();
    }
    report(`blocked a request to ${url}`);
    return route.abort('blockedbyclient');
  });
  context.setDefaultTimeout(timeoutMs);
  const page = context.pages()[0] ?? await context.newPage();
  return {
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Returns the name of the first of `selectors` (an object of name → CSS selector) that the
// page shows, waiting up to `timeoutMs`.
export async function waitForOneOf(page, selectors, timeoutMs) {
  const entries = Object.entries(selectors);
  const found = await Promise.any(entries.map(([name, selector]) => page
    .waitForSelector(selector, { state: 'attached', timeout: timeoutMs })
    .then(() => name)))
    .catch(() => undefined);
  if (!found) {
    throw new BrowserScriptError(`none of ${entries.map(([, selector]) => selector).join(', ')} appeared on ${page.url()} within ${timeoutMs} ms`);
  }
  return found;
}

// Reports the provider's error page and throws.
export async function failOnErrorPage(page) {
  const error = await page.textContent('#error').catch(() => null);
  const description = await page.textContent('#error_description').catch(() => null);
  throw new BrowserScriptError(`the provider showed an error page at ${page.url()}: ${error ?? '?'}: ${description ?? ''}`);
}

// Parses positional arguments and "--name value" options. `known` lists value options and
// `flags` options without a value. Throws BrowserScriptError whose message ends with `usage`.
export function parseScriptArgs(args, { usage, positionalNames, known, flags }) {
  const positional = [];
  const options = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (flags.includes(arg)) {
      options[arg.slice(2)] = true;
    } else if (known.includes(arg)) {
      if (i + 1 >= args.length) throw new BrowserScriptError(`${arg}: missing value; ${usage}`);
      i += 1;
      options[arg.slice(2)] = args[i];
    } else if (arg.startsWith('--')) {
      throw new BrowserScriptError(`${arg}: unknown option; ${usage}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== positionalNames.length) {
    throw new BrowserScriptError(`expected ${positionalNames.join(' ')} but got ${positional.length} argument(s); ${usage}`);
  }
  return { positional, options };
}
