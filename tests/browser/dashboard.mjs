// Drives the jobs dashboard in headless Chromium (Debian's package, through playwright-core) against a running host:
// enters the function key, shows a validation problem, starts a job from the form, waits for it to succeed, plays
// its video, follows its trace link, cancels a second job, writes a screenshot, and checks a batch's tile and filter. Started by
// DashboardBrowserTests (dotnet test), which starts the stack, starts a batch and passes:
//   DASHBOARD_URL   the page, e.g. http://127.0.0.1:7071/
//   FUNCTION_KEY    the key the host requires (empty when none)
//   BATCH_ID        a batch the test started, with BATCH_JOBS valid and BATCH_INVALID invalid items
//   TRACE_URL_TEMPLATE  the host's Telemetry:TraceUrlTemplate, with {traceId}
//   SCREENSHOT      where to write the PNG
//   FAILURE_SCREENSHOT  where to write the page as it was when a step failed (default: next to SCREENSHOT)
//   CHROMIUM        the browser binary (default /usr/bin/chromium)
// Prints one line per step and exits non-zero with the reason on the first failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const url = required('DASHBOARD_URL');
const functionKey = process.env.FUNCTION_KEY ?? '';
const screenshot = required('SCREENSHOT');
const traceUrlTemplate = required('TRACE_URL_TEMPLATE');
const batchId = required('BATCH_ID');
const batchJobs = Number(required('BATCH_JOBS'));
const batchInvalid = Number(required('BATCH_INVALID'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const started = Date.now();

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

function step(message) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

const userDataDir = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
const pageErrors = [];
let context;
let page;
try {
  // The flags the machine's notes ask for: no sandbox (root, containers), no GPU, and nothing that calls out.
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 960 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  step(`Chromium ${context.browser()?.version() ?? ''} started`);
  page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => dialog.accept());

  await page.goto(url);
  step(`loaded ${url}`);

  if (functionKey) {
    await page.waitForSelector('#connection[data-state="key"]');
    step('the page asks for the function key');
    await page.fill('#function-key', functionKey);
    await page.click('#key-form button[type="submit"]');
  }
  await page.waitForFunction(() => document.querySelectorAll('#model option').length > 0);
  step(`models loaded: ${await page.$$eval('#provider option', (o) => o.map((x) => x.value).join(', '))}`);

  // A request the catalogue rejects: the 400 problem's field error appears under the field.
  await page.selectOption('#provider', 'foxapi');
  await page.selectOption('#model', 'sora-2-preview');
  await page.fill('[name="durationSeconds"]', '25');
  await page.fill('#prompt', 'rejected by validation');
  await page.click('#submit-job');
  const durationError = page.locator('.field[data-field="durationSeconds"] .field-error');
  await durationError.filter({ hasText: 'between 1 and 20' }).waitFor();
  step(`validation error shown: "${await durationError.textContent()}"`);

  // A job that succeeds after two seconds of emulated generation.
  await page.selectOption('#model', 'sora-2');
  await page.selectOption('[name="durationSeconds"]', '4');
  await page.selectOption('[name="aspectRatio"]', '16:9');
  await page.fill('#prompt', `Ocean waves at golden hour, dashboard test ${randomUUID()} [emu:seconds=2]`);
  await page.click('#submit-job');
  const jobId = await lastJobId(null);
  step(`started ${jobId} from the form`);
  const card = page.locator(`li.job[data-job-id="${jobId}"]`);
  await card.and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 90_000 });
  step(`${jobId} succeeded`);

  const video = card.locator('video');
  await video.waitFor();
  const playable = await video.evaluate((v) => new Promise((resolve, reject) => {
    const check = () => {
      if (v.error) reject(new Error(`media error ${v.error.code}: ${v.error.message}`));
      else if (v.readyState >= 2 && v.duration > 0) resolve({ readyState: v.readyState, duration: v.duration });
      else setTimeout(check, 100);
    };
    check();
  }));
  step(`video ready: readyState ${playable.readyState}, duration ${playable.duration} s`);
  const played = await video.evaluate(async (v) => {
    await v.play();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const at = v.currentTime;
    v.pause();
    v.currentTime = 0.5;
    await new Promise((resolve) => v.addEventListener('seeked', resolve, { once: true }));
    return at;
  });
  if (!(played > 0)) {
    throw new Error(`the video did not advance while playing (currentTime ${played})`);
  }
  step(`video played to ${played.toFixed(2)} s`);

  const traceHref = await card.locator('a.trace-link').getAttribute('href');
  const [tracePrefix, traceSuffix] = traceUrlTemplate.split('{traceId}');
  const traceId = traceHref?.startsWith(tracePrefix) && traceHref.endsWith(traceSuffix)
    ? traceHref.slice(tracePrefix.length, traceHref.length - traceSuffix.length)
    : '';
  if (!/^[0-9a-f]{32}$/.test(traceId)) {
    throw new Error(`the card's trace link ${traceHref} does not follow ${traceUrlTemplate}`);
  }
  step(`card links to trace ${traceId}`);

  // A long job, cancelled from its card.
  await page.fill('#prompt', `A slow sunrise, dashboard test ${randomUUID()} [emu:seconds=120]`);
  await page.click('#submit-job');
  const slowId = await lastJobId(jobId);
  const slowCard = page.locator(`li.job[data-job-id="${slowId}"]`);
  await slowCard.and(page.locator('[data-status="generating"]')).waitFor({ timeout: 60_000 });
  await slowCard.locator('button.cancel').click();
  await slowCard.and(page.locator('[data-status="cancelled"]')).waitFor({ timeout: 60_000 });
  step(`${slowId} cancelled from the dashboard`);

  if (pageErrors.length > 0) {
    throw new Error(`the page threw: ${pageErrors.join(' | ')}`);
  }
  const rendered = await page.locator('main').textContent();
  if (/\b(null|undefined|NaN)\b/.test(rendered)) {
    throw new Error(`the page shows a missing value: ${rendered.match(/.{0,60}\b(null|undefined|NaN)\b.{0,20}/)[0]}`);
  }

  await page.locator('#toast').evaluate((toast) => { toast.hidden = true; });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshot });
  step(`screenshot written to ${screenshot}`);

  // The test's batch, as GET /api/batches lists it: its tile counts the items that became jobs and the invalid ones,
  // and choosing it filters the job list to exactly the batch's jobs (ids "<batch>-<index>").
  const batch = page.locator(`#batch-list [data-batch-id="${batchId}"]`);
  await batch.filter({ hasText: `${batchJobs} jobs` }).filter({ hasText: `${batchInvalid} invalid` }).waitFor();
  step(`batch tile: "${(await batch.innerText()).split(/\s*\n\s*/).join(' | ')}"`);
  await batch.click();
  await page.locator('#batch-filter', { hasText: batchId }).waitFor();
  await page.waitForFunction(
    ({ id, count }) => {
      const cards = [...document.querySelectorAll('li.job')];
      return cards.length === count && cards.every((card) => card.dataset.jobId.startsWith(`${id}-`));
    },
    { id: batchId, count: batchJobs });
  step('batches listed with their counts; choosing one filters the jobs');
  if (pageErrors.length > 0) {
    throw new Error(`the page threw: ${pageErrors.join(' | ')}`);
  }
} catch (error) {
  console.error(`FAILED: ${error.message}`);
  if (pageErrors.length > 0) console.error(`page errors: ${pageErrors.join(' | ')}`);
  if (page) {
    const failure = process.env.FAILURE_SCREENSHOT || screenshot.replace(/\.png$/, '.failure.png');
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    console.error(`page at failure: ${failure}`);
    const problem = await page.locator('#form-problem').textContent().catch(() => '');
    if (problem) console.error(`form problem: ${problem}`);
  }
  process.exitCode = 1;
} finally {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

async function lastJobId(previous) {
  const handle = await page.waitForFunction(
    (before) => {
      const id = document.querySelector('#job-form').dataset.lastJobId;
      const problem = document.querySelector('#form-problem');
      if (!problem.hidden) return { problem: problem.textContent };
      return id && id !== before ? { id } : null;
    },
    previous);
  const result = await handle.jsonValue();
  if (result.problem) {
    throw new Error(`the form showed a problem instead of starting the job: ${result.problem}`);
  }
  return result.id;
}
