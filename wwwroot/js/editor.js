// The writing desk. The editor page works without this file (a plain form that saves); with it, nothing typed is lost:
// autosave to the server, a copy in this browser, a warning before leaving, and a save that survives a lapsed session.
// It also adds the Markdown toolbar and shortcuts, the word count, the preview views, tag suggestions and "who else is here".
(function () {
  "use strict";

  const desk = document.querySelector("[data-editor]");
  const form = document.getElementById("article-form");
  if (!desk || !form) return;

  const $ = (selector, root) => (root || document).querySelector(selector);
  const field = (name) => form.elements.namedItem(name);
  const body = field("BodyMarkdown");
  const statusLine = $("[data-save-status]");
  const AUTOSAVE_IDLE_MS = 3000;
  const AUTOSAVE_MAX_WAIT_MS = 20000;
  const PRESENCE_EVERY_MS = 30000;
  const WORDS_PER_MINUTE = 230; // the same rate the server uses for the reading time readers see

  // ---- What the form holds, and what the server already has --------------------------------------------------------

  // Everything the story is made of, as one comparable string (the form token and the version are not content).
  const snapshot = () => {
    const data = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (name !== "__RequestVerificationToken" && name !== "Version" && name !== "Id") data.append(name, value);
    }
    return data.toString();
  };
  const restoreSnapshot = (serialised) => {
    const data = new URLSearchParams(serialised);
    for (const element of form.elements) {
      if (!element.name || element.name === "__RequestVerificationToken" || element.name === "Version" || element.name === "Id") continue;
      if (element.type === "checkbox") element.checked = data.getAll(element.name).includes(element.value);
      else if (element.tagName !== "BUTTON" && element.tagName !== "FIELDSET") element.value = data.get(element.name) || "";
    }
    body.dispatchEvent(new Event("input", { bubbles: true }));
  };

  // What the server holds for this person (the story, or their working copy). A page shown again after a refused save
  // or a conflict holds text the server does not have yet.
  let onServer = desk.dataset.unsaved === "true" ? "" : snapshot();
  let submitting = false;             // a real save is on its way: leaving the page is expected
  let saving = false;                 // Save (or Publish…) was pressed: autosave steps aside until it has gone
  let autosaveTimer = 0;
  let firstUnsavedAt = 0;
  let autosaving = null;
  let pendingAfterSignIn = null;      // what to do once the person has signed in again

  const articleId = () => field("Id").value;
  // Per person: on a shared computer one editor's unsaved text is never offered to the next.
  const storagePrefix = "newssite:desk:" + (desk.dataset.user || "") + ":";
  const storageKey = () => storagePrefix + (articleId() || "new");
  const now = () => new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const setStatus = (text, kind) => {
    if (!statusLine) return;
    statusLine.textContent = text;
    statusLine.dataset.kind = kind || "";
  };

  // ---- The copy in this browser ----------------------------------------------------------------------------------
  // Written as the person types, so a crash, a closed tab or a lost connection loses nothing; offered back next time.

  const readBackup = (key) => {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (_) { return null; }
  };
  const writeBackup = () => {
    try {
      localStorage.setItem(storageKey(), JSON.stringify({ savedAt: Date.now(), content: snapshot(), headline: field("Title").value }));
    } catch (_) { /* storage full or refused: the server copy still stands */ }
  };
  const dropBackup = (key) => { try { localStorage.removeItem(key || storageKey()); } catch (_) { } };

  const offerBackup = () => {
    // A new story saved with the button (before any autosave) left its copy under "new": this page shows it now.
    const fresh = articleId() && readBackup(storagePrefix + "new");
    if (fresh && fresh.content === snapshot()) dropBackup(storagePrefix + "new");
    if (desk.dataset.justSaved === "true") {
      // The page comes straight from a save, a merge or a discard: what it shows is what the server has.
      dropBackup();
      return;
    }
    const backup = readBackup(storageKey());
    if (!backup) return;
    if (backup.content === snapshot()) {
      // The page already shows it (the server kept it): nothing to offer.
      dropBackup();
      return;
    }
    const notice = $("[data-local-backup]");
    if (!notice) return;
    $("[data-local-backup-text]").textContent =
      "This browser kept text you had not saved" + (backup.headline ? " (“" + backup.headline + "”)" : "") +
      ", from " + new Date(backup.savedAt).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) + ".";
    notice.hidden = false;
    $("[data-local-backup-restore]").addEventListener("click", () => {
      restoreSnapshot(backup.content);
      notice.hidden = true;
      changed();
    });
    $("[data-local-backup-dismiss]").addEventListener("click", () => { dropBackup(); notice.hidden = true; });
  };

  // ---- Autosave --------------------------------------------------------------------------------------------------

  const post = (url, data) => fetch(url, {
    method: "POST",
    body: data,
    credentials: "same-origin",
    // A signed-out script gets a 401 it can act on, not the sign-in page.
    headers: { "X-Requested-With": "XMLHttpRequest" },
  });

  const autosave = async () => {
    clearTimeout(autosaveTimer);
    if (submitting || saving || autosaving) return;
    const content = snapshot();
    if (content === onServer) return;
    setStatus("Saving…", "busy");
    autosaving = (async () => {
      let response;
      try {
        response = await post(desk.dataset.autosaveUrl, new FormData(form));
      } catch (_) {
        setStatus("Offline – kept on this device", "offline");
        return;
      }
      if (response.status === 401) {
        setStatus("Signed out – kept on this device", "offline");
        askToSignIn(() => autosave(), false);
        return;
      }
      let answer = {};
      try { answer = await response.json(); } catch (_) { }
      if (!response.ok) {
        setStatus((answer.message || "Not saved") + " – kept on this device", "problem");
        return;
      }
      if (!answer.saved) {
        setStatus(answer.message || "Kept on this device", "offline");
        return;
      }
      if (!articleId() && answer.id) becameDraft(answer);
      onServer = content;
      firstUnsavedAt = 0;
      setStatus("Saved " + now() + (desk.dataset.published === "true" ? " – not on the site until you update it" : ""), "saved");
      if (answer.newerBy) showOthers(answer.others || [], answer.newerBy);
      else if (answer.others) showOthers(answer.others);
    })();
    try { await autosaving; } finally { autosaving = null; }
    // Typing went on while the request was out: save that too.
    if (snapshot() !== onServer && !submitting && !saving) schedule();
  };

  // A new story got its place at its first autosave: from now on the page edits that draft.
  const becameDraft = (answer) => {
    const oldKey = storageKey();
    field("Id").value = answer.id;
    field("Version").value = answer.version;
    dropBackup(oldKey);
    desk.dataset.articleId = answer.id;
    desk.dataset.presenceUrl = answer.editUrl + "/presence";
    history.replaceState(null, "", answer.editUrl);
    startPresence();
  };

  const schedule = () => {
    clearTimeout(autosaveTimer);
    if (!firstUnsavedAt) firstUnsavedAt = Date.now();
    // Every few seconds of quiet, and at least every 20 seconds while the typing goes on.
    const wait = Math.max(0, Math.min(AUTOSAVE_IDLE_MS, firstUnsavedAt + AUTOSAVE_MAX_WAIT_MS - Date.now()));
    autosaveTimer = setTimeout(autosave, wait);
  };

  let backupTimer = 0;
  const changed = () => {
    if (snapshot() === onServer) return;
    setStatus("Unsaved changes", "dirty");
    clearTimeout(backupTimer);
    backupTimer = setTimeout(writeBackup, 300);
    schedule();
  };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", () => { if (snapshot() !== onServer) autosave(); });

  // ---- Leaving the page ------------------------------------------------------------------------------------------

  window.addEventListener("beforeunload", (event) => {
    if (submitting || snapshot() === onServer) return;
    writeBackup();
    event.preventDefault();
    event.returnValue = "";
  });

  // ---- Saving through a lapsed session ---------------------------------------------------------------------------
  // Before a real save, ask whether the session is alive. If it is not, the person signs in again in a window of its
  // own (two-step codes and all), and this page then takes a fresh form token and completes the save it was asked for.

  const dialog = $("[data-session-dialog]");
  let signInWindow = null;
  let sessionPoll = 0;

  const refreshToken = (token) => {
    document.querySelectorAll("input[name=__RequestVerificationToken]").forEach((input) => { input.value = token; });
  };

  const checkSession = async () => {
    const response = await fetch(desk.dataset.sessionUrl, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" }, cache: "no-store" });
    if (response.status === 401) return false;
    if (!response.ok) throw new Error("session check " + response.status);
    refreshToken((await response.json()).token);
    return true;
  };

  // A save the person asked for always wins over an autosave waiting for the same sign-in.
  let pendingIsSave = false;
  const askToSignIn = (then, isSave) => {
    if (!pendingAfterSignIn || isSave || !pendingIsSave) {
      pendingAfterSignIn = then;
      pendingIsSave = isSave;
    }
    if (dialog && !dialog.open) dialog.showModal();
  };

  if (dialog) {
    $("[data-session-sign-in]", dialog).addEventListener("click", () => {
      signInWindow = window.open(desk.dataset.signInUrl, "newssite-sign-in", "width=520,height=720");
      clearInterval(sessionPoll);
      sessionPoll = setInterval(async () => {
        let alive = false;
        try { alive = await checkSession(); } catch (_) { return; }
        if (!alive) return;
        clearInterval(sessionPoll);
        if (signInWindow && !signInWindow.closed) signInWindow.close();
        dialog.close();
        setStatus("Signed in again", "saved");
        const then = pendingAfterSignIn;
        pendingAfterSignIn = null;
        pendingIsSave = false;
        if (then) then();
      }, 1500);
    });
    $("[data-session-cancel]", dialog).addEventListener("click", () => {
      clearInterval(sessionPoll);
      pendingAfterSignIn = null;
      pendingIsSave = false;
      saving = false;
      dialog.close();
      setStatus("Signed out – kept on this device", "offline");
    });
  }

  form.addEventListener("submit", async (event) => {
    if (submitting) return;
    event.preventDefault();
    if (saving) return; // a second press while the first is on its way
    saving = true;
    clearTimeout(autosaveTimer);
    const submitter = event.submitter;
    writeBackup();
    // A new story's first autosave may be creating its draft right now: save into that draft, not a second one.
    const settle = async () => { while (autosaving) { try { await autosaving; } catch (_) { } } };
    await settle();
    let alive;
    try {
      alive = await checkSession();
    } catch (_) {
      saving = false;
      setStatus("Offline – kept on this device. Save again when the connection is back.", "offline");
      return;
    }
    const send = async () => {
      await settle();
      submitting = true;
      clearTimeout(autosaveTimer);
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    };
    if (alive) send();
    else askToSignIn(send, true);
  });

  // ---- Who else has the story open -------------------------------------------------------------------------------

  const presenceLine = $("[data-presence]");
  const ago = (iso) => {
    const minutes = Math.floor((Date.now() - new Date(iso).getTime()) / 60000);
    return minutes < 1 ? "just now" : minutes < 60 ? minutes + " min ago" : Math.floor(minutes / 60) + " h ago";
  };
  const showOthers = (others, newerBy) => {
    if (!presenceLine) return;
    const lines = others.map((o) => o.name + " is editing" + (o.lastSavedAt ? " — last saved " + ago(o.lastSavedAt) : "") + ".");
    if (newerBy) lines.push(newerBy + " saved a newer version since you opened the story: saving merges your changes with theirs.");
    presenceLine.textContent = lines.join(" ");
  };
  let presenceTimer = 0;
  const checkIn = async () => {
    if (!desk.dataset.presenceUrl) return;
    const data = new FormData();
    data.append("__RequestVerificationToken", field("__RequestVerificationToken").value);
    try {
      const response = await post(desk.dataset.presenceUrl, data);
      if (response.ok) showOthers((await response.json()).others || []);
    } catch (_) { /* offline: try again at the next check-in */ }
  };
  const startPresence = () => {
    clearInterval(presenceTimer);
    if (desk.dataset.presenceUrl) presenceTimer = setInterval(checkIn, PRESENCE_EVERY_MS);
  };
  startPresence();
  window.addEventListener("pagehide", () => {
    if (!desk.dataset.presenceUrl || !navigator.sendBeacon) return;
    const data = new FormData();
    data.append("__RequestVerificationToken", field("__RequestVerificationToken").value);
    navigator.sendBeacon(desk.dataset.presenceUrl + "?leaving=true", data);
  });

  // ---- Toolbar and shortcuts -------------------------------------------------------------------------------------

  // Inserted through the browser's editing commands where it has them, so Ctrl+Z undoes a toolbar action too.
  const replaceSelection = (text, selectFrom, selectTo) => {
    body.focus();
    const start = body.selectionStart;
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      body.setRangeText(text, body.selectionStart, body.selectionEnd, "end");
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selectFrom !== undefined) body.setSelectionRange(start + selectFrom, start + selectTo);
  };
  const wrap = (before, after, placeholder) => {
    const selected = body.value.slice(body.selectionStart, body.selectionEnd) || placeholder;
    replaceSelection(before + selected + after, before.length, before.length + selected.length);
  };
  // Whole lines: a quote or subheading applies to every line the selection touches.
  const prefixLines = (prefix) => {
    const value = body.value;
    const start = value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    let end = value.indexOf("\n", body.selectionEnd);
    if (end < 0) end = value.length;
    body.setSelectionRange(start, end);
    const lines = value.slice(start, end).split("\n").map((line) => line.startsWith(prefix) ? line.slice(prefix.length) : prefix + line.replace(/^#+\s*/, ""));
    replaceSelection(lines.join("\n"));
  };
  const block = (text) => {
    const before = body.value.slice(0, body.selectionStart);
    const lead = before.length === 0 || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    replaceSelection(lead + text + "\n\n");
  };
  const actions = {
    bold: () => wrap("**", "**", "bold text"),
    italic: () => wrap("_", "_", "italic text"),
    link: () => {
      const url = window.prompt("Link to (https://…)", "https://");
      if (!url || url === "https://") { body.focus(); return; }
      const text = body.value.slice(body.selectionStart, body.selectionEnd) || "link text";
      replaceSelection("[" + text + "](" + url.trim() + ")", 1, 1 + text.length);
    },
    quote: () => prefixLines("> "),
    heading: () => prefixLines("## "),
    embed: () => {
      const url = window.prompt("Address of the video (YouTube, Vimeo) or the social post", "https://");
      if (url && url !== "https://") block(url.trim());
      else body.focus();
    },
    pullquote: () => {
      const text = body.value.slice(body.selectionStart, body.selectionEnd) || "The words to pull out";
      block("::: pullquote\n" + text + "\n:::");
    },
  };
  const toolbar = $("[data-toolbar]");
  if (toolbar) {
    toolbar.hidden = false;
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.md && actions[button.dataset.md]) actions[button.dataset.md]();
      if (button.dataset.view) toggleView(button.dataset.view, button);
    });
  }

  document.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      const save = $("[data-save-button]");
      // A published story has no plain save: Ctrl+S keeps the words in the working copy, off the site.
      if (save) form.requestSubmit(save);
      else autosave();
      return;
    }
    if (event.key === "Escape" && document.body.classList.contains("focus-mode")) {
      toggleView("focus", $("[data-view=focus]"));
      return;
    }
    if (!mod || event.target !== body) return;
    const key = event.key.toLowerCase();
    let action = null;
    if (!event.altKey && !event.shiftKey && key === "b") action = "bold";
    else if (!event.altKey && !event.shiftKey && key === "i") action = "italic";
    else if (!event.altKey && !event.shiftKey && key === "k") action = "link";
    else if (event.shiftKey && (key === "(" || key === "9")) action = "quote";
    else if (event.altKey && (key === "2" || event.code === "Digit2")) action = "heading";
    if (action) {
      event.preventDefault();
      actions[action]();
    }
  });

  // ---- Views: preview beside the text, at a phone's width, and the words alone --------------------------------------

  const pane = $("[data-preview-pane]");
  const toggleView = (view, button) => {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    if (view === "focus") {
      document.body.classList.toggle("focus-mode", on);
      if (on) body.focus();
      return;
    }
    if (!pane) return;
    if (view === "phone") {
      pane.classList.toggle("phone-width", on);
      if (on) {
        pane.hidden = false;
        desk.classList.add("with-preview");
        const preview = $("[data-view=preview]");
        if (preview) preview.setAttribute("aria-pressed", "true");
      }
      return;
    }
    pane.hidden = !on;
    desk.classList.toggle("with-preview", on);
    if (on) body.dispatchEvent(new Event("input", { bubbles: true }));
    if (!on) {
      pane.classList.remove("phone-width");
      const phone = $("[data-view=phone]");
      if (phone) phone.setAttribute("aria-pressed", "false");
    }
  };

  // ---- Word count and reading time -------------------------------------------------------------------------------

  const counter = $("[data-word-count]");
  const count = () => {
    if (!counter) return;
    const text = body.value.replace(/!\[[^\]]*\]\([^)]*\)/g, " ").replace(/\]\([^)]*\)/g, " ").replace(/[#>*_`~\-[\]]/g, " ");
    const words = (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) || []).length;
    const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
    counter.textContent = words.toLocaleString() + (words === 1 ? " word" : " words") + " · " + minutes + " min read";
  };
  body.addEventListener("input", count);
  count();

  // ---- Schedule: say back when it goes out, in the paper's time zone --------------------------------------------

  const publishAt = field("PublishAt");
  const goesOut = $("[data-goes-out]");
  if (publishAt && goesOut) {
    const say = () => {
      const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(publishAt.value);
      if (!match) { goesOut.textContent = ""; return; }
      // The time typed is already the paper's local time: only the weekday is worked out, on the calendar date alone.
      const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
      const weekday = date.toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" });
      const month = date.toLocaleDateString("en-GB", { month: "short", timeZone: "UTC" });
      const year = +match[1] === new Date().getFullYear() ? "" : " " + match[1];
      goesOut.textContent = "Goes out " + weekday + " " + (+match[3]) + " " + month + year + ", " + match[4] + ":" + match[5] + " " + publishAt.dataset.zoneName + ".";
    };
    publishAt.addEventListener("input", say);
    say();
  }

  // ---- Tag suggestions from the tags the paper already has ----------------------------------------------------

  const tags = field("Tags");
  if (tags && tags.dataset.tagSuggest) {
    const list = document.createElement("ul");
    list.className = "tag-suggestions";
    list.id = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Existing tags");
    list.hidden = true;
    tags.after(list);
    tags.setAttribute("role", "combobox");
    tags.setAttribute("aria-controls", list.id);
    tags.setAttribute("aria-expanded", "false");
    let active = -1;
    let sequence = 0;
    const current = () => tags.value.slice(tags.value.lastIndexOf(",") + 1).trim();
    const close = () => { list.hidden = true; active = -1; tags.setAttribute("aria-expanded", "false"); tags.removeAttribute("aria-activedescendant"); };
    const choose = (name) => {
      const head = tags.value.slice(0, tags.value.lastIndexOf(",") + 1);
      tags.value = (head ? head.trimEnd() + " " : "") + name + ", ";
      close();
      tags.focus();
      tags.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const highlight = (index) => {
      const items = list.querySelectorAll("li");
      items.forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (items[index]) tags.setAttribute("aria-activedescendant", items[index].id);
    };
    tags.addEventListener("input", async () => {
      const term = current();
      if (!term) { close(); return; }
      const mine = ++sequence;
      let names = [];
      try {
        const response = await fetch(tags.dataset.tagSuggest + "?q=" + encodeURIComponent(term), { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } });
        if (response.ok) names = await response.json();
      } catch (_) { }
      if (mine !== sequence) return;
      const chosen = tags.value.split(",").map((t) => t.trim().toLowerCase());
      names = names.filter((n) => !chosen.slice(0, -1).includes(n.toLowerCase()));
      list.replaceChildren(...names.map((name, i) => {
        const li = document.createElement("li");
        li.id = "tag-suggestion-" + i;
        li.setAttribute("role", "option");
        li.textContent = name;
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(name); });
        return li;
      }));
      list.hidden = names.length === 0;
      tags.setAttribute("aria-expanded", String(names.length > 0));
      active = -1;
    });
    tags.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      const items = list.querySelectorAll("li");
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(items[active].textContent); }
      else if (event.key === "Escape") close();
    });
    tags.addEventListener("blur", () => setTimeout(close, 150));
  }

  // ---- Preview links: one click to copy ------------------------------------------------------------------------

  document.querySelectorAll(".preview-link-url").forEach((input) => {
    const copy = document.createElement("button");
    copy.type = "button";
    copy.className = "button-secondary";
    copy.textContent = "Copy link";
    copy.addEventListener("click", async () => {
      input.select();
      try { await navigator.clipboard.writeText(input.value); } catch (_) { document.execCommand && document.execCommand("copy"); }
      copy.textContent = "Copied";
      setTimeout(() => { copy.textContent = "Copy link"; }, 2000);
    });
    input.after(copy);
  });

  offerBackup();
  if (desk.dataset.unsaved === "true") schedule();
})();
