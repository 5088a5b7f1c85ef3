// An editor updates a published story while readers read: the change is on the story and the front page at the next
// request, and a story the editor did not touch is still answered from the page cache (issue 18).
// BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/update-a-story.js
const { base, start, becomeEditor, openPublished } = require('./journey');
(async () => {
  const { reader, desk, log, shot, finish } = await start();
  // Straight to the server (the browser's own cache would revalidate and report the first answer's headers).
  const fromCache = async (url) => { const r = await reader.request.get(base + url); return { status: r.status(), age: r.headers()['age'] ?? null }; };

  // The reader: the front page, then its first two stories, twice each (the second answer comes from the cache).
  await reader.goto(base + '/');
  const stories = await reader.locator('.card-title a').evaluateAll(links => links.map(a => a.getAttribute('href')));
  const [edited, untouched] = [stories[0], stories[1]];
  for (const url of [edited, untouched]) { await fromCache(url); }
  log.push('before: untouched story ' + JSON.stringify(await fromCache(untouched)));
  await reader.goto(base + edited);
  await shot(reader, '01-story-before');

  // The editor: the first account (or sign in), the story from the newsroom's list, a new headline, "Update".
  await becomeEditor(desk);
  const oldTitle = (await reader.locator('h1').first().textContent()).trim();
  await openPublished(desk, oldTitle);
  const newTitle = 'Updated: ' + oldTitle.replace(/^Updated: /, '') + ' ' + (Date.now() % 1000);
  await desk.fill('#Title', newTitle);
  await shot(desk, '02-desk');
  await Promise.all([desk.waitForNavigation(), desk.getByRole('button', { name: 'Update the published story' }).click()]);
  log.push('after update: ' + desk.url() + ' — ' + ((await desk.locator('.flash, [role=status]').first().textContent().catch(() => '')) || '').trim());
  await shot(desk, '03-desk-after-update');

  // The reader again, at once: the story and the front page show it; the untouched story is still a cache hit.
  await reader.goto(base + edited);
  log.push('story shows new headline: ' + ((await reader.locator('h1').first().textContent()).trim() === newTitle));
  await shot(reader, '04-story-after');
  await reader.goto(base + '/');
  log.push('front page shows new headline: ' + (await reader.content()).includes(newTitle.replace(/&/g, '&amp;')));
  await shot(reader, '05-front-after');
  log.push('after: untouched story ' + JSON.stringify(await fromCache(untouched)));
  await finish();
})().catch(e => { console.error(e); process.exit(1); });
