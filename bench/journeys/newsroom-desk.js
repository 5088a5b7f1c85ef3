// An editor's morning on a large paper (issue 18, item 4): the dashboard, a draft written and found again through
// "Your drafts", the list's "Mine" and "Drafts" filters and its title search, the review queue, then the draft moved
// to the trash and found there. Each page's time is printed.
// BASE=http://localhost:5000 EMAIL=… PASSWORD=… W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/newsroom-desk.js
const { chromium } = require('playwright-core');
const base = process.env.BASE || 'http://localhost:5000';
const width = +(process.env.W || 1366), height = +(process.env.H || 900), tag = process.env.TAG || 'desktop';
const email = process.env.EMAIL, password = process.env.PASSWORD;
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const log = [];
  const desk = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB' })).newPage();
  desk.on('console', m => { if (m.type() === 'error') log.push('console error: ' + m.text()); });
  desk.on('pageerror', e => log.push('pageerror: ' + e.message));
  const shot = (n) => desk.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${n}.png`, fullPage: true });
  const open = async (url) => {
    const started = Date.now();
    const response = await desk.goto(base + url);
    log.push(`${url}: ${response.status()} in ${Date.now() - started} ms`);
  };
  const listed = async (title) => (await desk.locator('table').first().textContent().catch(() => '')).includes(title);
  const submit = async (button) => Promise.all([desk.waitForNavigation(), button.click()]);

  await desk.goto(base + '/admin/sign-in');
  await desk.fill('#Email', email); await desk.fill('#Password', password);
  await submit(desk.locator('main form button[type=submit]'));
  await open('/admin');
  await shot('01-dashboard');

  // A draft of one's own.
  const title = 'Harbour ferry timetable draft ' + (Date.now() % 100000);
  await open('/admin/articles/new');
  await desk.fill('#Title', title);
  await desk.fill('#BodyMarkdown', 'The ferry will run every twenty minutes from Monday.\n\nA second paragraph.');
  await submit(desk.locator('[data-save-button]'));
  log.push('saved: ' + desk.url());
  const edit = new URL(desk.url()).pathname;

  await open('/admin');
  log.push('dashboard lists it under the drafts: ' + (await desk.content()).includes(title));
  await shot('02-dashboard-with-draft');
  for (const filter of ['mine', 'drafts']) {
    await open('/admin/articles?filter=' + filter);
    log.push(`"${filter}" lists it: ${await listed(title)}`);
  }
  await open('/admin/articles?q=' + encodeURIComponent('ferry timetable draft'));
  log.push('title search finds it: ' + await listed(title));
  await shot('03-search');
  await open('/admin/articles?q=zzqx-nothing');
  log.push('search for nothing says: ' + (await desk.locator('main').textContent()).replace(/\s+/g, ' ').match(/No [^.]*\./)?.[0]);

  // An editor publishes rather than asks for review: the queue (writers' drafts) is on the dashboard and its filter.
  await open('/admin/articles?filter=review');
  log.push('"review" answers with a list or its empty message: ' + ((await desk.locator('table').count()) > 0 || /No /.test(await desk.locator('main').textContent())));

  // To the trash, and found there.
  await desk.goto(base + edit);
  await submit(desk.getByRole('button', { name: 'Move to trash' }));
  await open('/admin/articles?filter=trash');
  log.push('"trash" lists it: ' + await listed(title));
  await shot('04-trash');
  await open('/admin/articles?filter=drafts');
  log.push('"drafts" no longer lists it: ' + !(await listed(title)));
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
