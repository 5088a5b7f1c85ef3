// A reader browsing the paper's lists, the pages whose reads are compiled queries (issue 18, item 3): the front page,
// a section from the menu and its next page, a story's related stories, a tag, an author, a month of the archive, and
// pages past the end of a list, which answer "not found" without reading any story. No account needed.
// Run: BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots node bench/journeys/browse-the-lists.js
const { base, start } = require('./journey');

(async () => {
  const { reader, log, shot, finish } = await start('lists');
  const visit = async (path) => {
    const response = await reader.goto(base + path);
    return response.status();
  };
  const heading = () => reader.locator('main h1').first().innerText();
  const follow = async (locator) => { await Promise.all([reader.waitForNavigation(), locator.first().click()]); };

  console.log('front page', await visit('/'), '|', await reader.locator('main .card').count(), 'cards');
  await shot(reader, '1-front');

  // The menu's first section, then its older stories if it has any.
  const menu = reader.locator('nav.sections-nav a:not([href="/"])');
  const sectionName = (await menu.first().innerText()).trim();
  await follow(menu);
  console.log('section', sectionName, '->', reader.url().replace(base, ''), '|', await heading(), '|',
    await reader.locator('main .card').count(), 'cards |', (await reader.locator('.pager-position').allInnerTexts()).join(''));
  await shot(reader, '2-section');
  const older = reader.locator('nav.pager a[rel=next]');
  if (await older.count()) {
    await follow(older);
    console.log('older stories', reader.url().replace(base, ''), '|', (await reader.locator('.pager-position').innerText()));
  }
  const sectionPath = new URL(reader.url()).pathname;

  // A story of the section, and where its end leads.
  await follow(reader.locator('main .card-title a'));
  const story = await heading();
  const ends = await reader.locator('section.related h2').allInnerTexts();
  console.log('story', story, '| ends with:', ends.join(' / '));
  await shot(reader, '3-story');
  const related = reader.locator('section.related .card-title a');
  if (await related.count()) {
    const title = (await related.first().innerText()).trim();
    await follow(related);
    console.log('related story followed:', title, '->', (await heading()) === title ? 'opened' : 'WRONG PAGE: ' + (await heading()));
  }

  // Its first tag and its author, then a month of the archive.
  const tag = reader.locator('nav.tags a');
  if (await tag.count()) {
    await follow(tag);
    console.log('tag', reader.url().replace(base, ''), '|', await heading(), '|', await reader.locator('main .card').count(), 'cards');
    await shot(reader, '4-tag');
    await follow(reader.locator('main .card-title a'));
  }
  const author = reader.locator('a[rel=author]');
  if (await author.count()) {
    await follow(author);
    console.log('author', reader.url().replace(base, ''), '|', await reader.locator('main h1').first().innerText(), '|',
      await reader.locator('main .card').count(), 'cards');
    await shot(reader, '5-author');
  }
  console.log('archive', await visit('/archive'));
  const months = await reader.locator('main a[href^="/archive/"]').evaluateAll(links => links.map(a => a.getAttribute('href')));
  await visit(months.find(href => /^\/archive\/\d+\/\d+$/.test(href)));
  console.log('month', reader.url().replace(base, ''), '|', await heading(), '|', await reader.locator('main .card').count(), 'cards');
  await shot(reader, '6-month');

  // Past the end: not found, with the site's own page (Chromium logs each 404 as a console error: expected here).
  const logged = log.length;
  for (const path of [`${sectionPath}?page=99999`, `${sectionPath}?page=2147483647`, '/corrections?page=2147483647', '/search?q=harbour&page=2147483647']) {
    console.log('past the end', path, await visit(path), '|', await heading());
  }
  await shot(reader, '7-past-the-end');
  console.log(`(${log.splice(logged).length} console errors for those four 404s, as expected)`);
  await finish();
})().catch(e => { console.error(e); process.exit(1); });
