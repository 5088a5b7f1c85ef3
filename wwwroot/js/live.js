// A running live story asks its small cached resource for the newest entries every few seconds. New ones wait
// behind a button, announced politely, so nothing moves under the reader's eyes until they ask. Without this file
// the page is complete: the entries are in its HTML. Polling stops when the tab is hidden or the coverage ends.
(function () {
  "use strict";
  const section = document.querySelector("[data-live-updates]");
  if (!section) return;
  const url = section.getAttribute("data-live-updates");
  const seconds = Math.max(1, Number(section.getAttribute("data-live-poll-seconds")) || 15);
  const list = section.querySelector(".live-entries");
  const noticeText = section.querySelector(".live-notice-text");
  const showButton = section.querySelector(".live-show");
  const status = section.querySelector(".live-status");
  let pending = [];
  let timer = null;
  let ended = false;

  function known(id) {
    return document.getElementById(id) !== null || pending.some(function (entry) { return entry.id === id; });
  }

  function announce() {
    const count = pending.length;
    const words = count === 1 ? "1 new update" : count + " new updates";
    noticeText.textContent = count === 0 ? "" : words + ".";
    showButton.textContent = "Show " + words;
    showButton.hidden = count === 0;
  }

  async function poll() {
    if (ended || document.hidden) return;
    try {
      const response = await fetch(url, { credentials: "omit", headers: { Accept: "text/html" } });
      if (!response.ok) {
        if (response.status === 404) stop();
        return;
      }
      // The fragment is the site's own, its bodies sanitised when saved; parsed here, nothing in it runs.
      const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
      const updates = fragment.querySelector("[data-live-state]");
      if (!updates) return;
      const fresh = Array.from(updates.querySelectorAll(".live-entry")).filter(function (entry) { return !known(entry.id); });
      // The fragment is newest first; keep that order ahead of what already waits.
      pending = fresh.map(function (entry) { return document.importNode(entry, true); }).concat(pending);
      announce();
      if (updates.getAttribute("data-live-state") === "ended") {
        stop();
        if (status) status.textContent = "Live coverage has ended.";
      }
    } catch (_) {
      // A dropped connection is retried at the next tick.
    }
  }

  function show() {
    if (pending.length === 0) return;
    // New entries go above the newest unpinned one: pinned entries stay on top, as the page was built.
    const firstUnpinned = list.querySelector(".live-entry:not(.live-entry-pinned)");
    const empty = section.querySelector(".live-empty");
    if (empty) empty.remove();
    const first = pending[0];
    pending.forEach(function (entry) { list.insertBefore(entry, firstUnpinned); });
    pending = [];
    announce();
    first.focus();
  }

  function start() {
    if (timer === null && !ended) timer = window.setInterval(poll, seconds * 1000);
  }

  function stop() {
    ended = true;
    if (timer !== null) window.clearInterval(timer);
    timer = null;
  }

  showButton.addEventListener("click", show);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
    } else if (!ended) {
      poll();
      start();
    }
  });
  start();
})();
