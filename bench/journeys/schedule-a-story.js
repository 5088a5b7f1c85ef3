// An editor schedules a story two minutes ahead and a reader waits for it on the front page: the scheduled
// publisher's round takes its job lease, publishes, and gives the lease back.
// Run: BASE=http://localhost:5000 W=1366 H=900 TAG=desktop SHOTS=/tmp/shots node bench/journeys/schedule-a-story.js
// ZONE: the paper's time zone (Site:TimeZone), Europe/London unless set.
const { base, start, becomeEditor } = require('./journey');

(async () => {
  const { reader, desk, log, shot, finish } = await start('schedule');
  desk.on('response', r => { if (r.status() >= 400) log.push(`${r.status()}: ${r.url()}`); });
  await becomeEditor(desk);
  await desk.goto(base + '/admin/articles/new');
  const headline = 'Night ferry timetable changes from Monday ' + (Date.now() % 10000);
  await desk.fill('#Title', headline);
  await desk.fill('#Standfirst', 'The last crossing leaves half an hour earlier.');
  await desk.fill('#BodyMarkdown', 'The operator said the change follows a fall in late-evening passengers.');
  // Two minutes ahead, to the minute (so 61–120 s), in the paper's own time zone, as the field takes it.
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: process.env.ZONE || 'Europe/London', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(Date.now() + 120000)).map(x => [x.type, x.value]));
  await desk.fill('#PublishAt', `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  await Promise.all([desk.waitForNavigation(), desk.getByRole('button', { name: 'Schedule', exact: true }).click()]);
  log.push('after scheduling: ' + desk.url());
  log.push('flash: ' + (await desk.locator('.flash').count() ? await desk.locator('.flash').innerText() : '(none)'));
  log.push('goes out: ' + (await desk.locator('.goes-out').count() ? await desk.locator('.goes-out').innerText() : '(none)'));
  await shot(desk, '1-scheduled');

  await reader.goto(base + '/');
  log.push('on the front page before it is due: ' + (await reader.getByText(headline).count() > 0));
  const t0 = Date.now();
  let seen = false;
  while (!seen && Date.now() - t0 < 200000) {
    await reader.waitForTimeout(5000);
    await reader.goto(base + '/');
    seen = await reader.getByText(headline).count() > 0;
  }
  log.push(`on the front page: ${seen} (after ${((Date.now() - t0) / 1000).toFixed(0)} s of waiting)`);
  if (seen) {
    await Promise.all([reader.waitForNavigation(), reader.getByText(headline).first().click()]);
    log.push('story page: ' + reader.url() + ' — ' + await reader.locator('h1').first().innerText());
    await shot(reader, '2-story');
  }
  await desk.reload();
  log.push('newsroom status now: ' + await desk.locator('.status').first().innerText());
  await finish();
})().catch(e => { console.error(e); process.exit(1); });
