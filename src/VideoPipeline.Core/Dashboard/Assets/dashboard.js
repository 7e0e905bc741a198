// The VideoPipeline jobs dashboard. It uses only the public HTTP API (see /api/openapi.json), so it works the same on
// the local host and the Azure Functions host. Plain ES module, no build step, no third-party code.

const KEY_STORAGE = 'videopipeline.functionKey';
const ACTIVE = new Set(['queued', 'submitting', 'generating', 'archiving']);
const CANCELLABLE = new Set(['queued', 'submitting', 'generating']);
// Refresh often while something runs, rarely when nothing changes.
const ACTIVE_REFRESH_MS = 2000;
const IDLE_REFRESH_MS = 10000;
// Where a job's trace can be seen (the host's Telemetry:TraceUrlTemplate, with {traceId}); empty shows the id alone.
const TRACE_URL_TEMPLATE = document.querySelector('meta[name="trace-url-template"]')?.content ?? '';

const $ = (selector) => document.querySelector(selector);

const state = {
  key: localStorage.getItem(KEY_STORAGE) ?? '',
  models: [],
  batchesAvailable: true,
  batchFilter: null,
  cards: new Map(),
  timer: null,
  refreshing: false,
  refreshAgain: false,
  freshJob: null,
  toastTimer: null,
};

// ---- HTTP ----------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const request = { method, headers: { Accept: 'application/json', ...headers } };
  if (state.key) {
    request.headers['x-functions-key'] = state.key;
  }
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  const response = await fetch(path, request);
  const type = response.headers.get('Content-Type') ?? '';
  const payload = type.includes('json') ? await response.json() : null;
  if (response.status === 401) {
    showConnection('key', 'Function key required: enter it above.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, payload);
  }
  return payload;
}

function contentUrl(id) {
  // A video element cannot send headers; Functions (and the local host) accept the key as ?code= too.
  const url = `/api/videos/${encodeURIComponent(id)}/content`;
  return state.key ? `${url}?code=${encodeURIComponent(state.key)}` : url;
}

// ---- Small DOM helpers ----------------------------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

function option(value, label = value, selected = false) {
  return el('option', { value, selected }, label);
}

function toast(message, kind = 'info') {
  const box = $('#toast');
  box.textContent = message;
  box.dataset.kind = kind;
  box.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = setTimeout(() => { box.hidden = true; }, kind === 'error' ? 8000 : 4000);
}

function showConnection(kind, text) {
  const status = $('#connection');
  status.dataset.state = kind;
  status.textContent = text;
  $('#key-form').classList.toggle('attention', kind === 'key');
}

// ---- Formatting -----------------------------------------------------------------------------------------------------

function parseTime(value) {
  if (!value) return null;
  // Timings are UTC; tolerate values written without an offset.
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
}

function seconds(from, to) {
  return from && to ? Math.max(0, (to - from) / 1000) : null;
}

function formatSeconds(value) {
  if (value === null) return '';
  if (value < 10) return `${value.toFixed(1)} s`;
  if (value < 90) return `${Math.round(value)} s`;
  const minutes = Math.floor(value / 60);
  return `${minutes} min ${Math.round(value - minutes * 60)} s`;
}

function formatAgo(date) {
  return `${formatSeconds(seconds(date, new Date()))} ago`;
}

function formatBytes(bytes) {
  if (bytes === undefined || bytes === null) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

// ---- Model catalogue and the form -----------------------------------------------------------------------------------

async function loadModels() {
  try {
    const { items } = await api('/api/models');
    state.models = items;
    renderProviders();
    return true;
  } catch (error) {
    if (error.status !== 401) {
      showProblem(error);
    }
    return false;
  }
}

function selectedModel() {
  return state.models.find((m) => m.provider === $('#provider').value && m.model === $('#model').value);
}

function renderProviders() {
  const provider = $('#provider');
  const previous = provider.value;
  const names = [...new Set(state.models.map((m) => m.provider))];
  provider.replaceChildren(...names.map((name) => option(name, name, name === previous)));
  renderModels();
}

function renderModels() {
  const model = $('#model');
  const previous = model.value;
  const models = state.models.filter((m) => m.provider === $('#provider').value);
  model.replaceChildren(...models.map((m) => option(m.model, m.displayName, m.model === previous)));
  renderModelFields();
}

function field(name, label, control, hint) {
  control.name = name;
  control.id ||= `field-${name.replace(/\W/g, '-')}`;
  return el('div', { class: 'field', dataset: { field: name } },
    el('label', { for: control.id }, label),
    control,
    hint ? el('p', { class: 'hint' }, hint) : null,
    el('p', { class: 'field-error' }));
}

function choice(values, preferred, defaultLabel = 'model default') {
  const pick = preferred.find((p) => values.includes(p)) ?? '';
  return el('select', {}, option('', defaultLabel), values.map((v) => option(v, v, v === pick)));
}

function renderModelFields() {
  const model = selectedModel();
  const fields = [];
  if (model) {
    const inputs = new Set(model.inputs);
    $('#prompt').maxLength = model.maxPromptLength;
    $('#model-facts').textContent = [
      `Typically ${formatSeconds(model.typicalGenerationSeconds)}`,
      model.callback === 'none' ? 'no callbacks' : `callbacks: ${model.callback}`,
      model.supportsCancel ? 'cancellable at the provider' : null,
    ].filter(Boolean).join(' · ');

    if (model.durations.length > 0) {
      const duration = el('select', {}, model.durations.map((d) => option(String(d), `${d} s`, d === model.defaultDuration)));
      fields.push(field('durationSeconds', 'Duration', duration));
    } else if (model.durationRange) {
      const { min, max } = model.durationRange;
      const duration = el('input', { type: 'number', min: String(min), max: String(max), step: '1', placeholder: `${min}–${max}` });
      fields.push(field('durationSeconds', 'Duration (seconds)', duration, `From ${min} to ${max} seconds.`));
    }

    if (model.aspectRatios.length > 0) {
      fields.push(field('aspectRatio', 'Aspect ratio', choice(model.aspectRatios, ['16:9'])));
    }
    if (model.sizes.length > 0) {
      fields.push(field('size', 'Size', choice(model.sizes, ['1280x720']),
        model.sizeForTextResolutionForImage ? 'Text-to-video only; with an image URL give a resolution instead.' : null));
    }
    if (model.resolutions.length > 0) {
      fields.push(field('resolution', 'Resolution', choice(model.resolutions, []),
        model.sizeForTextResolutionForImage ? 'Image-to-video only.' : null));
    }
    if (inputs.has('firstFrameImage')) {
      fields.push(field('imageUrl', 'First-frame image URL', el('input', { type: 'url', placeholder: 'https://…/first-frame.png' })));
    }
    if (inputs.has('sourceVideo')) {
      fields.push(field('sourceVideoUrl', model.requiresSourceVideo ? 'Source video URL (required)' : 'Source video URL',
        el('input', { type: 'url', placeholder: 'https://…/input.mp4' })));
    }
    if (model.supportsGenerateAudio) {
      fields.push(field('generateAudio', 'Audio',
        el('select', {}, option('', 'model default'), option('true', 'generate audio'), option('false', 'no audio'))));
    }
    if (model.providerOptions.length > 0) {
      fields.push(el('fieldset', {}, el('legend', {}, 'Provider options'), model.providerOptions.map(providerOptionField)));
    }
  }
  $('#model-fields').replaceChildren(...fields);
  updatePromptCount();
}

function providerOptionField(rule) {
  const name = `providerOptions.${rule.name}`;
  switch (rule.kind) {
    case 'boolean':
      return field(name, rule.name, el('select', { dataset: { kind: rule.kind } }, option('', 'not set'), option('true'), option('false')));
    case 'string':
      return rule.allowedValues
        ? field(name, rule.name, el('select', { dataset: { kind: rule.kind } }, option('', 'not set'), rule.allowedValues.map((v) => option(v))))
        : field(name, rule.name, el('input', { dataset: { kind: rule.kind } }));
    case 'stringArray':
      return field(name, rule.name, el('input', { dataset: { kind: rule.kind }, placeholder: 'comma-separated' }),
        rule.maxItems ? `At most ${rule.maxItems}.` : null);
    default:
      return field(name, rule.name, el('textarea', { rows: 2, dataset: { kind: rule.kind }, placeholder: '{ "key": "value" }' }), 'A JSON object.');
  }
}

function updatePromptCount() {
  const prompt = $('#prompt');
  const model = selectedModel();
  $('#prompt-count').textContent = model ? `${prompt.value.length} / ${model.maxPromptLength}` : '';
}

/** Builds the request body from the form; client-side errors only for what cannot be sent at all (bad JSON). */
function readForm() {
  const form = $('#job-form');
  const value = (name) => form.elements.namedItem(name)?.value.trim() ?? '';
  const errors = {};
  const body = { provider: value('provider'), model: value('model'), prompt: $('#prompt').value };

  for (const name of ['aspectRatio', 'size', 'resolution', 'imageUrl', 'sourceVideoUrl', 'notifyUrl']) {
    if (value(name)) body[name] = value(name);
  }
  if (value('durationSeconds')) body.durationSeconds = Number(value('durationSeconds'));
  if (value('generateAudio')) body.generateAudio = value('generateAudio') === 'true';
  if (value('waitMode') !== 'auto') body.waitMode = value('waitMode');

  const output = {};
  if (value('output.container')) output.container = value('output.container');
  if (value('output.blobName')) output.blobName = value('output.blobName');
  if (Object.keys(output).length > 0) body.output = output;

  const metadata = {};
  for (const line of value('metadata').split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 1) {
      errors.metadata = [`"${line}" is not key=value.`];
    } else {
      metadata[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  if (Object.keys(metadata).length > 0) body.metadata = metadata;

  const providerOptions = {};
  for (const control of form.querySelectorAll('[name^="providerOptions."]')) {
    const raw = control.value.trim();
    if (!raw) continue;
    const name = control.name.slice('providerOptions.'.length);
    switch (control.dataset.kind) {
      case 'boolean':
        providerOptions[name] = raw === 'true';
        break;
      case 'stringArray':
        providerOptions[name] = raw.split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case 'object':
        try {
          providerOptions[name] = JSON.parse(raw);
        } catch (error) {
          errors[control.name] = [`Not valid JSON: ${error.message}`];
        }
        break;
      default:
        providerOptions[name] = raw;
    }
  }
  if (Object.keys(providerOptions).length > 0) body.providerOptions = providerOptions;

  return { body, errors, idempotencyKey: value('Idempotency-Key') };
}

function clearErrors() {
  const form = $('#job-form');
  for (const wrapper of form.querySelectorAll('.field.invalid')) {
    wrapper.classList.remove('invalid');
    wrapper.querySelector('.field-error').textContent = '';
  }
  $('#form-problem').hidden = true;
  $('#form-problem').replaceChildren();
}

/** Shows a problem+json answer: each field's messages under the field, the rest (and the title) at the top. */
function showProblem(error, fieldErrors = error.problem?.errors ?? {}) {
  const form = $('#job-form');
  const unplaced = [];
  for (const [name, messages] of Object.entries(fieldErrors)) {
    const wrapper = form.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
    if (wrapper) {
      wrapper.classList.add('invalid');
      wrapper.querySelector('.field-error').textContent = messages.join(' ');
    } else {
      unplaced.push(`${name}: ${messages.join(' ')}`);
    }
  }
  const box = $('#form-problem');
  const title = error.problem?.title ?? error.message;
  const detail = error.problem?.detail;
  box.replaceChildren(...[
    el('strong', {}, title),
    detail ? el('span', {}, detail) : null,
    unplaced.length > 0 ? el('ul', {}, unplaced.map((line) => el('li', {}, line))) : null,
  ].filter(Boolean));
  box.hidden = false;
  form.querySelector('.field.invalid select, .field.invalid input, .field.invalid textarea')?.focus();
}

async function submitJob(event) {
  event.preventDefault();
  clearErrors();
  const { body, errors, idempotencyKey } = readForm();
  if (Object.keys(errors).length > 0) {
    showProblem(new ApiError(0, { title: 'Fix the highlighted fields.' }), errors);
    return;
  }

  const button = $('#submit-job');
  button.disabled = true;
  try {
    const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
    const accepted = await api('/api/videos', { method: 'POST', body, headers });
    $('#job-form').dataset.lastJobId = accepted.id;
    toast(`Started ${accepted.id}`);
    state.freshJob = accepted.id;
    await refresh();
  } catch (error) {
    if (error instanceof ApiError) {
      showProblem(error);
    } else {
      showProblem(new ApiError(0, { title: 'The host did not answer.', detail: error.message }));
    }
  } finally {
    button.disabled = false;
  }
}

// ---- Jobs -------------------------------------------------------------------------------------------------------------

function jobsQuery() {
  const query = new URLSearchParams({ limit: $('#limit').value });
  if ($('#status-filter').value) query.set('status', $('#status-filter').value);
  if (state.batchFilter) query.set('batchId', state.batchFilter);
  return query;
}

async function refresh() {
  if (state.refreshing) {
    // A refresh asked for during another (after a submit, a filter change) runs right after it, with fresh inputs.
    state.refreshAgain = true;
    return;
  }
  state.refreshing = true;
  clearTimeout(state.timer);
  let active = false;
  try {
    if (state.models.length === 0) await loadModels();
    const { items } = await api(`/api/videos?${jobsQuery()}`);
    renderJobs(items);
    active = items.some((job) => ACTIVE.has(job.status));
    showConnection('ok', 'Connected');
    $('#updated').textContent = `Updated ${new Date().toLocaleTimeString()}${active ? ' · refreshing while jobs run' : ''}`;
    await refreshBatches();
  } catch (error) {
    if (!(error instanceof ApiError)) {
      showConnection('down', 'Host unreachable; retrying…');
    } else if (error.status !== 401) {
      showConnection('down', error.message);
    }
  } finally {
    state.refreshing = false;
    if (state.refreshAgain) {
      state.refreshAgain = false;
      refresh();
    } else {
      scheduleRefresh(active ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS);
    }
  }
}

function scheduleRefresh(delay) {
  clearTimeout(state.timer);
  if (!document.hidden) {
    state.timer = setTimeout(refresh, delay);
  }
}

function renderJobs(jobs) {
  const list = $('#job-list');
  const seen = new Set();
  jobs.forEach((job, index) => {
    seen.add(job.id);
    let card = state.cards.get(job.id);
    if (!card) {
      card = createCard(job);
      state.cards.set(job.id, card);
    }
    updateCard(card, job);
    // Keep the server's order (newest first) without re-creating cards, so playing videos keep playing.
    if (list.children[index] !== card.root) {
      list.insertBefore(card.root, list.children[index] ?? null);
    }
  });
  for (const [id, card] of state.cards) {
    if (!seen.has(id)) {
      card.root.remove();
      state.cards.delete(id);
    }
  }
  $('#jobs-empty').hidden = jobs.length > 0;
}

function createCard(job) {
  const card = {
    status: el('span', { class: 'badge job-status' }),
    cancel: el('button', { type: 'button', class: 'cancel', onclick: () => cancelJob(job.id) }, 'Cancel'),
    model: el('div', { class: 'job-model' }),
    progressBar: el('progress', { max: 100 }),
    phase: el('span', { class: 'phase' }),
    timings: el('dl', { class: 'timings' }),
    trace: el('p', { class: 'trace', hidden: true }),
    error: el('p', { class: 'job-error' }),
    player: el('div', { class: 'player' }),
    video: null,
  };
  card.progress = el('div', { class: 'progress' }, card.progressBar, card.phase);
  card.root = el('li', { class: 'job', dataset: { jobId: job.id } },
    el('div', { class: 'job-head' }, card.status, el('code', { class: 'job-id', title: job.id }, job.id), card.cancel),
    card.model, card.progress, card.timings, card.trace, card.error, card.player);
  return card;
}

function updateCard(card, job) {
  card.root.dataset.status = job.status;
  card.status.textContent = job.status;
  card.cancel.hidden = !CANCELLABLE.has(job.status);

  const model = state.models.find((m) => m.provider === job.provider.name && m.model === job.provider.model);
  card.model.replaceChildren(...[
    el('strong', {}, model?.displayName ?? `${job.provider.name} · ${job.provider.model}`),
    job.provider.taskId ? el('span', { class: 'task' }, ` · task `, el('code', {}, job.provider.taskId)) : null,
    job.provider.status ? el('span', { class: 'task' }, ` (${job.provider.status})`) : null,
    job.batchId ? el('span', {}, ' · ', el('button', { type: 'button', class: 'batch-tag', onclick: () => filterBatch(job.batchId) }, `batch ${job.batchId}`)) : null,
  ].filter(Boolean));

  const running = ACTIVE.has(job.status);
  card.progress.hidden = !running;
  if (job.progress === undefined && running) {
    card.progressBar.removeAttribute('value');
  } else {
    card.progressBar.value = job.progress ?? (job.status === 'succeeded' ? 100 : 0);
  }
  card.phase.textContent = job.progress === undefined ? job.phase ?? job.status : `${job.progress}% · ${job.phase ?? job.status}`;

  card.timings.replaceChildren(...timingEntries(job).map(([label, value]) => el('div', {}, el('dt', {}, label), el('dd', {}, value))));

  card.trace.hidden = !job.traceId;
  card.trace.replaceChildren(...(job.traceId ? traceEntry(job.traceId) : []));

  card.error.hidden = !job.error;
  card.error.replaceChildren(...(job.error ? [el('code', {}, job.error.code), ` ${job.error.message}`] : []));

  if (job.status === 'succeeded' && !card.video) {
    card.video = createPlayer(card, job);
  }
  if (state.freshJob === job.id) {
    state.freshJob = null;
    card.root.classList.add('fresh');
    card.root.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    setTimeout(() => card.root.classList.remove('fresh'), 3000);
  }
}

function traceEntry(traceId) {
  const id = el('code', {}, traceId);
  if (!TRACE_URL_TEMPLATE) {
    return ['trace ', id];
  }
  const href = TRACE_URL_TEMPLATE.replaceAll('{traceId}', encodeURIComponent(traceId));
  return [el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'trace-link' }, 'trace ', id)];
}

function timingEntries(job) {
  const created = parseTime(job.createdAt);
  const t = job.timings ?? {};
  const submitted = parseTime(t.submittedAt);
  const generated = parseTime(t.generatedAt);
  const archived = parseTime(t.archivedAt);
  const completed = parseTime(t.completedAt ?? job.completedAt);
  const entries = [['created', `${created.toLocaleTimeString()} (${formatAgo(created)})`]];
  if (submitted) entries.push(['submit', formatSeconds(seconds(created, submitted))]);
  if (generated) entries.push(['generation', formatSeconds(seconds(submitted ?? created, generated))]);
  if (archived) entries.push(['archive', formatSeconds(seconds(generated ?? created, archived))]);
  if (completed) entries.push(['total', formatSeconds(seconds(created, completed))]);
  else if (ACTIVE.has(job.status)) entries.push(['running', formatSeconds(seconds(created, new Date()))]);
  return entries;
}

function createPlayer(card, job) {
  const video = el('video', { controls: true, muted: true, playsInline: true, preload: 'metadata' });
  const problem = el('p', { class: 'player-error', hidden: true });
  const retry = el('button', { type: 'button', hidden: true, onclick: () => { retry.hidden = true; problem.hidden = true; video.src = contentUrl(job.id); } }, 'Reload video');
  // The content route redirects to a short-lived SAS URL; after it lapses, reloading asks for a fresh one.
  video.addEventListener('error', () => {
    problem.textContent = `Cannot play: ${video.error?.message || `media error ${video.error?.code}`}`;
    problem.hidden = false;
    retry.hidden = false;
  });
  video.src = contentUrl(job.id);
  const output = job.output ?? {};
  card.player.replaceChildren(video, problem, retry, el('div', { class: 'player-facts' },
    el('span', {}, formatBytes(output.bytes)),
    output.sha256 ? el('span', { class: 'mono', title: output.sha256 }, `sha256 ${output.sha256.slice(0, 12)}…`) : null,
    el('span', { class: 'mono' }, `${output.container}/${output.blobName}`),
    el('a', { href: contentUrl(job.id), target: '_blank', rel: 'noopener' }, 'open')));
  return video;
}

async function cancelJob(id) {
  if (!confirm(`Cancel ${id}?`)) return;
  try {
    await api(`/api/videos/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
    toast(`Cancelling ${id}`);
  } catch (error) {
    toast(error.problem?.detail ?? error.message, 'error');
  }
  await refresh();
}

// ---- Batches (shown when the host has GET /api/batches) --------------------------------------------------------------

async function refreshBatches() {
  if (!state.batchesAvailable) return;
  try {
    const { items } = await api('/api/batches?limit=10');
    renderBatches(items ?? []);
  } catch (error) {
    // 404/405: this host has no batch listing; stop asking until the page is reloaded.
    if (error.status === 404 || error.status === 405) {
      state.batchesAvailable = false;
      $('#batches').hidden = true;
    }
  }
}

// The list answers from the batch index alone, {id, createdAt, items, invalid, statusUri}: how many items became jobs
// and how many were invalid. Their states are in the job list, which choosing the batch filters.
function renderBatches(batches) {
  $('#batches').hidden = batches.length === 0;
  $('#batch-list').replaceChildren(...batches.map((batch) => {
    const jobs = batch.items - batch.invalid;
    return el('li', {}, el('button', { type: 'button', onclick: () => filterBatch(batch.id), dataset: { batchId: batch.id } },
      el('code', {}, batch.id),
      el('span', { class: 'hint' }, `${jobs} job${jobs === 1 ? '' : 's'} · ${formatAgo(parseTime(batch.createdAt))}`),
      batch.invalid > 0
        ? el('span', { class: 'batch-counts' }, el('span', { class: 'badge', dataset: { status: 'invalid' } }, `${batch.invalid} invalid`))
        : null));
  }));
}

function filterBatch(batchId) {
  state.batchFilter = batchId;
  const chip = $('#batch-filter');
  chip.hidden = !batchId;
  chip.textContent = batchId ? `batch ${batchId} ✕` : '';
  refresh();
}

// ---- Start-up ---------------------------------------------------------------------------------------------------------

async function saveKey(event) {
  event.preventDefault();
  state.key = $('#function-key').value.trim();
  if (state.key) localStorage.setItem(KEY_STORAGE, state.key);
  else localStorage.removeItem(KEY_STORAGE);
  state.batchesAvailable = true;
  toast(state.key ? 'Function key saved in this browser.' : 'Function key cleared.');
  if (await loadModels()) {
    clearErrors();
  }
  await refresh();
}

function start() {
  $('#function-key').value = state.key;
  $('#key-form').addEventListener('submit', saveKey);
  $('#job-form').addEventListener('submit', submitJob);
  $('#provider').addEventListener('change', renderModels);
  $('#model').addEventListener('change', renderModelFields);
  $('#prompt').addEventListener('input', updatePromptCount);
  $('#refresh').addEventListener('click', refresh);
  $('#status-filter').addEventListener('change', refresh);
  $('#limit').addEventListener('change', refresh);
  $('#batch-filter').addEventListener('click', () => filterBatch(null));
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  refresh();
}

start();
