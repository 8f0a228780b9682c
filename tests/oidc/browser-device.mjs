// Approves (or aborts) a device authorization in headless Chromium: enters the user code, signs in, consents.
import {
  BrowserScriptError, failOnErrorPage, isLoopbackUrl, openBrowser, parseScriptArgs, report, waitForOneOf,
} from './lib/browser.mjs';

const USAGE = 'usage: node browser-device.mjs VERIFICATION_URI USER_CODE [--user NAME] [--password PASSWORD] [--deny] [--timeout-ms N]';
const PAGE_SELECTORS = {
  input: '#op\\.deviceInputForm',
  confirm: '#op\\.deviceConfirmForm',
  login: '#login',
  consent: '#consent',
  done: '#done',
  error: '#error_description',
};

async function run(args) {
  const { positional: [verificationUri, userCode], options } = parseScriptArgs(args, {
    usage: USAGE,
    positionalNames: ['VERIFICATION_URI', 'USER_CODE'],
    known: ['--user', '--password', '--timeout-ms'],
    flags: ['--deny'],
  });
  const user = options.user ?? process.env.MATRIXCTL_TEST_USER ?? 'admin';
  const password = options.password ?? process.env.MATRIXCTL_TEST_PASSWORD ?? `${user}-password`;
  const timeoutMs = Number(options['timeout-ms'] ?? 30000);
  if (!isLoopbackUrl(verificationUri)) {
    throw new BrowserScriptError(`VERIFICATION_URI ${verificationUri}: not a loopback http URL; this script opens only 127.0.0.1, [::1] or localhost pages`);
  }

  const startedAt = Date.now();
  const browser = await openBrowser(timeoutMs);
  try {
    const { page } = browser;
    report(`opening ${verificationUri}`);
    await page.goto(verificationUri);
    let codeEntered = false;

    for (let step = 0; step < 8; step += 1) {
      const pageKind = await waitForOneOf(page, PAGE_SELECTORS, timeoutMs);
      if (pageKind === 'error') {
        await failOnErrorPage(page);
      } else if (pageKind === 'done') {
        report(`final page ${page.url()}: ${(await page.textContent('#done')).trim()}`);
        break;
      } else if (pageKind === 'input') {
        const inputError = await page.$('#error');
        if (inputError && options.deny && codeEntered) {
          report(`aborted: ${(await inputError.textContent()).trim()}`);
          break;
        }
        if (inputError && codeEntered) {
          throw new BrowserScriptError(`the provider refused user code ${userCode}: ${(await inputError.textContent()).trim()}`);
        }
        await page.fill('input[name="user_code"]', userCode);
        codeEntered = true;
        await Promise.all([page.waitForNavigation(), page.click('#continue')]);
        report(`entered user code ${userCode}`);
      } else if (pageKind === 'confirm') {
        codeEntered = true;
        const button = options.deny ? '#abort' : '#confirm';
        await Promise.all([page.waitForNavigation(), page.click(button)]);
        report(options.deny ? 'aborted the device request' : 'confirmed the device');
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
        report(`approved scopes: ${scopes.join(' ')}`);
        await Promise.all([page.waitForNavigation(), page.click('#approve')]);
      }
    }
    report(`done in ${Date.now() - startedAt} ms`);
  } finally {
    await browser.close();
  }
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    const message = error instanceof BrowserScriptError ? error.message : (error.stack ?? String(error));
    process.stderr.write(`browser-device: error: ${message}\n`);
    process.exit(1);
  },
);
