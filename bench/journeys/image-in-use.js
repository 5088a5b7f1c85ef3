// An image's life in the library (issue 18, item 4: "used in" kept at save): uploaded, put in a story's text, shown
// as used by that story, refused deletion while it is, then freed by taking it out of the story and deleted.
// BASE=http://localhost:5000 EMAIL=… PASSWORD=… IMAGE=/path/to.png W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/image-in-use.js
const { chromium } = require('playwright-core');
const base = process.env.BASE || 'http://localhost:5000';
const width = +(process.env.W || 1366), height = +(process.env.H || 900), tag = process.env.TAG || 'desktop';
const email = process.env.EMAIL, password = process.env.PASSWORD, image = process.env.IMAGE;
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const log = [];
  const desk = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB' })).newPage();
  desk.on('console', m => { if (m.type() === 'error') log.push('console error: ' + m.text()); });
  desk.on('pageerror', e => log.push('pageerror: ' + e.message));
  const shot = (n) => desk.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${n}.png`, fullPage: true });
  const submit = async (button) => Promise.all([desk.waitForNavigation(), button.click()]);
  const said = async () => (await desk.locator('main').textContent()).replace(/\s+/g, ' ');
  const card = (alt) => desk.locator('figure', { hasText: alt });

  await desk.goto(base + '/admin/sign-in');
  await desk.fill('#Email', email); await desk.fill('#Password', password);
  await submit(desk.locator('main form button[type=submit]'));

  // Upload.
  const alt = 'Gulls over the quay ' + (Date.now() % 100000);
  await desk.goto(base + '/admin/media');
  await desk.setInputFiles('#Upload_File', image);
  await desk.fill('#Upload_AltText', alt);
  await desk.fill('#Upload_Caption', 'The quay at noon');
  await submit(desk.locator('form[enctype="multipart/form-data"] button[type=submit]'));
  await desk.goto(base + '/admin/media?q=' + encodeURIComponent(alt));
  const editHref = await desk.locator('a', { hasText: 'Edit details' }).first().getAttribute('href');
  const id = editHref.match(/media\/(\d+)/)[1];
  log.push(`uploaded as media:${id}; the library says: ${(await card(alt).textContent()).match(/Not used in any story|Used in \d+ stor\w+/)?.[0]}`);

  // Into a story's text, published.
  const title = 'Gulls return to the quay ' + (Date.now() % 100000);
  await desk.goto(base + '/admin/articles/new');
  await desk.fill('#Title', title);
  await desk.fill('#Standfirst', 'The birds are back for the summer.');
  await desk.fill('#BodyMarkdown', `The gulls came back this week.\n\n![${alt}](media:${id})\n\nFishermen are not pleased.`);
  await submit(desk.getByRole('button', { name: 'Publish now' }));
  const story = new URL(desk.url()).pathname;
  log.push('published: ' + (await said()).match(/Published[^.]*\./)?.[0]);

  await desk.goto(base + '/admin/media?q=' + encodeURIComponent(alt));
  await card(alt).locator('summary').click();
  log.push('the library says: ' + (await card(alt).textContent()).match(/Used in \d+ stor\w+/)?.[0] + '; it links the story: ' +
    (await card(alt).locator(`a[href="${story}"]`).count() === 1));
  await shot('01-used-in');

  // Refused while used.
  await submit(desk.locator(`form[action="/admin/media/${id}/delete"] button`));
  log.push('delete refused: ' + (await desk.locator('[role=alert]').first().textContent()).replace(/\s+/g, ' ').trim());
  await shot('02-refused');

  // Taken out of the story, then deleted.
  await desk.goto(base + story);
  await desk.fill('#BodyMarkdown', 'The gulls came back this week.\n\nFishermen are not pleased.');
  await submit(desk.getByRole('button', { name: 'Update the published story' }));
  await desk.goto(base + '/admin/media?q=' + encodeURIComponent(alt));
  log.push('after the edit the library says: ' + (await card(alt).textContent()).match(/Not used in any story|Used in \d+ stor\w+/)?.[0]);
  await submit(desk.locator(`form[action="/admin/media/${id}/delete"] button`));
  log.push('delete: ' + (await said()).match(/Image deleted\.|not deleted/)?.[0]);
  await shot('03-deleted');
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
