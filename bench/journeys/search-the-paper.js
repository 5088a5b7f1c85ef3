// A reader searching the paper (issue 18, item 3): a word typed into the header's search box, the hits best match
// first and then newest first, a hit opened, input full of search operators, and a word no story has. No account needed.
// Run: BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots node bench/journeys/search-the-paper.js
const { base, start } = require('./journey');

(async () => {
  const { reader, log, shot, finish } = await start('search');
  const results = async () => ({
    count: (await reader.locator('.result-count').innerText()).trim(),
    titles: (await reader.locator('.search-results .card-title a').allInnerTexts()).map(t => t.trim()),
    marked: await reader.locator('.search-results .snippet mark').count(),
  });

  await reader.goto(base + '/');
  // The header's box where the layout shows it; the search page's own form otherwise.
  const box = reader.locator('#site-search-q');
  if (await box.isVisible()) {
    await box.fill('harbour');
    await Promise.all([reader.waitForNavigation(), box.press('Enter')]);
  } else {
    await reader.goto(base + '/search');
    await reader.fill('#search-q', 'harbour');
    await Promise.all([reader.waitForNavigation(), reader.locator('.search-form button[type=submit]').click()]);
  }
  let found = await results();
  console.log('harbour ->', reader.url().replace(base, ''), '|', found.count, '|', found.titles.length, 'hits,', found.marked, 'words marked |', found.titles[0]);
  if (found.titles.length === 0 || found.marked === 0) throw new Error('no hits, or no word marked in their snippets');
  await shot(reader, '1-best-match');

  await Promise.all([reader.waitForNavigation(), reader.getByRole('link', { name: 'Newest first' }).click()]);
  found = await results();
  const dates = await reader.locator('.search-results time').evaluateAll(ts => ts.map(t => t.getAttribute('datetime')));
  const newestFirst = dates.every((d, i) => i === 0 || dates[i - 1] >= d);
  console.log('newest first ->', reader.url().replace(base, ''), '|', found.count, '| in order:', newestFirst, '|', found.titles[0]);
  if (!newestFirst) throw new Error('"Newest first" is not in date order: ' + dates.join(', '));
  await shot(reader, '2-newest-first');

  const first = found.titles[0];
  await Promise.all([reader.waitForNavigation(), reader.locator('.search-results .card-title a').first().click()]);
  const headline = (await reader.locator('main h1').first().innerText()).trim();
  console.log('opened ->', reader.url().replace(base, ''), '|', headline);
  if (headline !== first) throw new Error(`opened "${headline}", not "${first}"`);

  // Operators are just text; a word no story has gets suggestions, not an empty page.
  for (const [query, n] of [['harbour" OR (council', '3-operators'], ['zzyzxquokka', '4-nothing']]) {
    const response = await reader.goto(base + '/search?q=' + encodeURIComponent(query));
    found = await results();
    console.log(JSON.stringify(query), '->', response.status(), '|', found.count, '|', found.titles.length, 'hits |',
      (await reader.locator('.no-results h2').allInnerTexts()).join(', '));
    if (response.status() !== 200) throw new Error(`${query}: ${response.status()}`);
    await shot(reader, n);
  }
  await finish();
})().catch(e => { console.error(e); process.exit(1); });
