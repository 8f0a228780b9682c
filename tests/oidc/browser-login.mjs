// Opens an authorization URL in headless Chromium, signs in, approves or denies, and waits for the callback page.
import {
  BrowserScriptError, failOnErrorPage, isLoopbackUrl, openBrowser, parseScriptArgs, report, waitForOneOf,
} from './lib/browser.mjs';

const USAGE = 'usage: node browser-login.mjs URL [--user NAME] [--password PASSWORD] [--deny] [--timeout-ms N]';
const PAGE_SELECTORS = { login: '#login', consent: '#consent', error: '#error_description' };

async function run(args) {
  const { positional: [url], options } = parseScriptArgs(args, {
    usage: USAGE, positionalNames: ['URL'], known: ['--user', '--password', '--timeout-ms'], flags: ['--deny'],
  });
  const user = options.user ?? process.env.MATRIXCTL_TEST_USER ?? 'admin';
  const password = options.password ?? process.env.MATRIXCTL_TEST_PASSWORD ?? `${user}-password`;
  const timeoutMs = Number(options['timeout-ms'] ?? 30000);
  if (!isLoopbackUrl(url)) {
    throw new BrowserScriptError(`URL ${url}: not a loopback http URL; this script opens only 127.0.0.1, [::1] or localhost pages`);
  }

  const startedAt = Date.now();
  const providerOrigin = new URL(url).origin;
  const browser = await openBrowser(timeoutMs);
  try {
    const { page } = browser;
    report(`opening ${url}`);
    await page.goto(url);

    // The provider shows a login form, then a consent form; any page on another origin is
    // the client's redirect URI.
    for (let step = 0; step < 6 && new URL(page.url()).origin === providerOrigin; step += 1) {
      const pageKind = await waitForOneOf(page, PAGE_SELECTORS, timeoutMs);
      if (pageKind === 'error') {
        await failOnErrorPage(page);
      } else if (pageKind === 'login') {
        await page.fill('#username', user);
        await page.fill('#password', password);
        await Promise.all([page.waitForNavigation(), page.click('#submit')]);
        const loginError = await page.$('#login') && await page.$('#error');
        if (loginError) {
          throw new BrowserScriptError(`sign-in as ${user} failed: ${await loginError.textContent()}`);
        }
        report(`signed in as ${user}`);
      } else {
        const scopes = await page.$$eval('#scopes .scope', (items) => items.map((item) => item.textContent));
        const button = options.deny ? '#deny' : '#approve';
        report(`${options.deny ? 'denied' : 'approved'} scopes: ${scopes.join(' ')}`);
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
      }
    }

    await page.waitForLoadState('load');
    const finalUrl = page.url();
    if (!isLoopbackUrl(finalUrl)) {
      throw new BrowserScriptError(`the browser ended on ${finalUrl}, not on a loopback callback page; is the client's callback server listening?`);
    }
    const text = (await page.evaluate(() => document.body?.innerText ?? '')).trim();
    report(`final page ${finalUrl}`);
    report(`final page text: ${text.replace(/\s+/g, ' ').slice(0, 500)}`);
    report(`done in ${Date.now() - startedAt} ms`);
  } finally {
    await browser.close();
  }
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    const message = error instanceof BrowserScriptError ? error.message : (error.stack ?? String(error));
    process.stderr.write(`browser-login: error: ${message}\n`);
    process.exit(1);
  },
);
