// Images in the editor: paste or drop an image into the body to upload it, the "Image" button's picker (thumbnails,
// search, paging, upload with description, caption and credit), and the hero's "Choose from library" and "Upload"
// without leaving the page. Everything goes through the media library's JSON; nothing here is needed to write a story.
(function () {
  "use strict";
  const script = document.currentScript;
  const body = document.getElementById("BodyMarkdown");
  if (!body || !script) return;
  const urls = { upload: script.dataset.upload, picker: script.dataset.picker, media: script.dataset.media };
  const tokenInput = body.form && body.form.querySelector("input[name=__RequestVerificationToken]");

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  async function send(url, data) {
    const response = await fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json", RequestVerificationToken: tokenInput ? tokenInput.value : "" },
    });
    let json = null;
    try { json = await response.json(); } catch (_) { /* not JSON: a refused token or a server error */ }
    if (!response.ok) {
      throw new Error(json && json.error ? json.error
        : response.status === 400 ? "The upload was refused. Save your work, reload the page and try again."
        : "The upload failed (" + response.status + "). Your text is untouched; try again.");
    }
    return json;
  }

  function upload(file, fields) {
    const data = new FormData();
    data.append("File", file, file.name || "pasted-image.png");
    Object.keys(fields || {}).forEach(function (name) { if (fields[name]) data.append(name, fields[name]); });
    return send(urls.upload, data);
  }

  // The body: insert as a paragraph of its own at the caret, and tell autosave and the live preview.
  const changed = function () { body.dispatchEvent(new Event("input", { bubbles: true })); };
  let caret = { start: body.value.length, end: body.value.length };
  const rememberCaret = function () { caret = { start: body.selectionStart, end: body.selectionEnd }; };
  ["keyup", "click", "select", "blur"].forEach(function (type) { body.addEventListener(type, rememberCaret); });

  function insert(text) {
    const start = Math.min(caret.start, body.value.length);
    const end = Math.min(caret.end, body.value.length);
    const before = body.value.slice(0, start);
    const after = body.value.slice(end);
    const lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    const tail = after === "" || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    body.setRangeText(lead + text + tail, start, end, "end");
    rememberCaret();
    changed();
  }

  function replace(old, text) {
    const at = body.value.indexOf(old);
    if (at < 0) return false;
    let end = at + old.length;
    // An empty replacement takes the blank line the placeholder brought with it.
    if (text === "" && body.value.slice(end, end + 2) === "\n\n") end += 2;
    body.setRangeText(text, at, end, "preserve");
    changed();
    return true;
  }

  const status = el("p", { class: "media-status", role: "status", "aria-live": "polite" });
  body.insertAdjacentElement("afterend", status);
  const say = function (message, isError) { status.textContent = message; status.classList.toggle("is-error", !!isError); };

  // After a paste or a drop the image has no words yet: ask for them at once, in a small dialog.
  const describeTitle = el("h2", { id: "media-describe-title", text: "Describe the image" });
  const describeThumb = el("img", { alt: "", width: "160", height: "90", class: "media-describe-thumb" });
  const describeAlt = el("input", { id: "media-describe-alt", type: "text", maxlength: "500" });
  const describeCaption = el("input", { id: "media-describe-caption", type: "text", maxlength: "1000" });
  const describeCredit = el("input", { id: "media-describe-credit", type: "text", maxlength: "300" });
  const describeError = el("p", { class: "field-validation-error", role: "alert" });
  const describeForm = el("form", { method: "dialog", class: "form" }, [
    describeTitle, describeThumb,
    field(describeAlt, "Description (alt text)", "What the picture shows, for people who cannot see it."),
    field(describeCaption, "Caption"), field(describeCredit, "Credit"), describeError,
    el("div", { class: "actions" }, [el("button", { type: "submit", text: "Save" }), el("button", { type: "button", class: "button-secondary", value: "skip", text: "Skip" })]),
  ]);
  const describeDialog = el("dialog", { class: "media-dialog", "aria-labelledby": describeTitle.id }, [describeForm]);
  document.body.append(describeDialog);
  let describing = null;

  function field(input, label, hint) {
    const text = [label];
    if (hint) text.push(" ", el("span", { class: "hint", text: hint }));
    return el("div", { class: "field" }, [el("label", { for: input.id }, text), input]);
  }

  function describe(item) {
    describing = item;
    describeThumb.src = item.thumbnailUrl;
    describeAlt.value = item.alt || "";
    describeCaption.value = item.caption || "";
    describeCredit.value = item.credit || "";
    describeError.textContent = "";
    describeDialog.showModal();
    describeAlt.focus();
  }

  // Back to the text where the writer was: the caret goes just after the image's Markdown at once, so keys pressed
  // as the dialog closes land there. Chromium can leave a textarea that was edited while a modal dialog covered it
  // focused but deaf to typing; blurring and focusing it again once the dialog is gone brings it back, keeping the
  // caret wherever that typing has moved it.
  function backToText(markdown) {
    const found = markdown ? body.value.indexOf(markdown) : -1;
    const at = found >= 0 ? found + markdown.length : body.value.length;
    body.focus();
    body.setSelectionRange(at, at);
    rememberCaret();
    requestAnimationFrame(function () {
      const start = body.selectionStart, end = body.selectionEnd;
      body.blur();
      body.focus();
      body.setSelectionRange(start, end);
      rememberCaret();
    });
  }

  describeForm.querySelector("button[value=skip]").addEventListener("click", function () { describeDialog.close(); backToText(describing && describing.markdown); });
  describeForm.addEventListener("submit", async function (event) {
    event.preventDefault();
    const item = describing;
    const data = new FormData();
    data.append("AltText", describeAlt.value);
    data.append("Caption", describeCaption.value);
    data.append("Credit", describeCredit.value);
    try {
      const updated = await send(urls.media + "/" + item.id + "/details.json", data);
      replace(item.markdown, updated.markdown);
      describeDialog.close();
      say("Image described.");
      backToText(updated.markdown);
    } catch (error) {
      describeError.textContent = error.message;
    }
  });

  let uploads = 0;
  async function uploadIntoBody(file) {
    const placeholder = "![Uploading image " + (++uploads) + "…]()";
    insert(placeholder);
    say("Uploading…");
    try {
      const item = await upload(file);
      replace(placeholder, item.markdown);
      say("Image uploaded.");
      describe(item);
    } catch (error) {
      replace(placeholder, "");
      say("The image was not added: " + error.message, true);
    }
  }

  const imagesIn = function (list) { return Array.from(list || []).filter(function (file) { return /^image\//.test(file.type); }); };
  body.addEventListener("paste", function (event) {
    const files = imagesIn(event.clipboardData && event.clipboardData.files);
    if (files.length === 0) return;
    event.preventDefault();
    rememberCaret();
    files.forEach(uploadIntoBody);
  });
  body.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).indexOf("Files") >= 0) event.preventDefault();
  });
  body.addEventListener("drop", function (event) {
    const files = imagesIn(event.dataTransfer && event.dataTransfer.files);
    if (files.length === 0) return;
    event.preventDefault();
    body.focus();
    rememberCaret();
    files.forEach(uploadIntoBody);
  });

  // The picker: one dialog for the body's "Image" button and the hero's "Choose from library" and "Upload".
  const pickerTitle = el("h2", { id: "media-picker-title", text: "Insert an image" });
  const search = el("input", { id: "media-picker-q", type: "search", maxlength: "200" });
  const grid = el("ul", { class: "media-picker-grid" });
  const more = el("button", { type: "button", class: "button-secondary", text: "More", hidden: "" });
  const pickerStatus = el("p", { class: "media-status", role: "status", "aria-live": "polite" });
  const file = el("input", { id: "media-picker-file", type: "file", accept: "image/jpeg,image/png,image/webp,image/gif" });
  const alt = el("input", { id: "media-picker-alt", type: "text", maxlength: "500" });
  const caption = el("input", { id: "media-picker-caption", type: "text", maxlength: "1000" });
  const credit = el("input", { id: "media-picker-credit", type: "text", maxlength: "300" });
  const uploadError = el("p", { class: "field-validation-error", role: "alert" });
  const uploadButton = el("button", { type: "submit", text: "Upload" });
  const uploadForm = el("form", { class: "form media-picker-upload" }, [
    el("h3", { text: "Upload a new image" }), field(file, "Image file", "JPEG, PNG, WebP or GIF."),
    field(alt, "Description (alt text)", "What the picture shows, for people who cannot see it."),
    field(caption, "Caption"), field(credit, "Credit"), uploadError, el("div", { class: "actions" }, [uploadButton]),
  ]);
  const close = el("button", { type: "button", class: "button-secondary media-dialog-close", text: "Close" });
  const picker = el("dialog", { class: "media-dialog media-picker", "aria-labelledby": pickerTitle.id }, [
    el("div", { class: "media-dialog-head" }, [pickerTitle, close]),
    el("div", { class: "field" }, [el("label", { for: search.id, text: "Search by description, caption, credit or file name" }), search]),
    grid, more, pickerStatus, uploadForm,
  ]);
  document.body.append(picker);
  close.addEventListener("click", function () { picker.close(); });

  let choose = null;
  let page = 1;
  let query = "";
  let loading = 0;

  async function load(reset) {
    const mine = ++loading;
    if (reset) page = 1;
    pickerStatus.textContent = "Loading…";
    try {
      const response = await fetch(urls.picker + "?q=" + encodeURIComponent(query) + "&page=" + page, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error();
      const result = await response.json();
      if (mine !== loading) return;
      if (reset) grid.replaceChildren();
      result.items.forEach(function (item) {
        const button = el("button", { type: "button", class: "media-pick" }, [
          el("img", { src: item.thumbnailUrl, alt: "", width: "160", height: "90", loading: "lazy" }),
          el("span", { text: item.alt || item.fileName }),
        ]);
        button.addEventListener("click", function () { picker.close(); choose(item, false); });
        grid.append(el("li", {}, [button]));
      });
      more.hidden = !result.hasMore;
      pickerStatus.textContent = grid.children.length === 0 ? (query ? "No images match." : "No images yet: upload one below.") : "";
    } catch (_) {
      if (mine === loading) pickerStatus.textContent = "The library could not be loaded. Check the connection and try again.";
    }
  }

  let searchTimer = 0;
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { query = search.value.trim(); load(true); }, 250);
  });
  more.addEventListener("click", function () { page++; load(false); });

  uploadForm.addEventListener("submit", async function (event) {
    event.preventDefault();
    uploadError.textContent = "";
    if (!file.files || file.files.length === 0) { uploadError.textContent = "Choose an image file."; file.focus(); return; }
    uploadButton.disabled = true;
    uploadButton.textContent = "Uploading…";
    try {
      const item = await upload(file.files[0], { AltText: alt.value, Caption: caption.value, Credit: credit.value });
      uploadForm.reset();
      picker.close();
      choose(item, true);
    } catch (error) {
      uploadError.textContent = error.message;
    } finally {
      uploadButton.disabled = false;
      uploadButton.textContent = "Upload";
    }
  });

  function openPicker(title, onChoose, focusUpload) {
    choose = onChoose;
    pickerTitle.textContent = title;
    uploadError.textContent = "";
    picker.showModal();
    (focusUpload ? file : search).focus();
    load(true);
  }

  const insertButton = document.querySelector("[data-media-insert]") || el("button", { type: "button", class: "button-secondary media-insert", text: "Image" });
  if (!insertButton.isConnected) {
    const label = body.form.querySelector("label[for=BodyMarkdown]");
    (label || body).insertAdjacentElement(label ? "afterend" : "beforebegin", insertButton);
  }
  insertButton.addEventListener("click", function () {
    openPicker("Insert an image", function (item) { insert(item.markdown); say("Image inserted."); backToText(item.markdown); }, false);
  });

  // The hero: the same picker sets the select (adding the image if the list does not have it) and shows a thumbnail.
  const hero = document.getElementById("HeroMediaId");
  if (hero) {
    const thumb = el("img", { alt: "", width: "160", height: "90", class: "media-hero-thumb", hidden: "" });
    const chooseHero = el("button", { type: "button", class: "button-secondary", text: "Choose from library" });
    const uploadHero = el("button", { type: "button", class: "button-secondary", text: "Upload" });
    hero.insertAdjacentElement("afterend", el("div", { class: "media-hero" }, [chooseHero, uploadHero, thumb]));
    // Words typed at upload are this story's; a library image chosen later only fills fields left empty.
    const setHero = function (item, uploaded) {
      let option = Array.from(hero.options).find(function (o) { return o.value === String(item.id); });
      if (!option) {
        option = new Option(item.alt || item.fileName, String(item.id));
        hero.add(option, 1);
      }
      hero.value = String(item.id);
      thumb.src = item.thumbnailUrl;
      thumb.hidden = false;
      const heroCaption = document.getElementById("HeroImageCaption");
      const heroCredit = document.getElementById("HeroImageCredit");
      if (heroCaption && item.caption && (uploaded || !heroCaption.value)) heroCaption.value = item.caption;
      if (heroCredit && item.credit && (uploaded || !heroCredit.value)) heroCredit.value = item.credit;
      hero.dispatchEvent(new Event("change", { bubbles: true }));
      hero.dispatchEvent(new Event("input", { bubbles: true }));
      chooseHero.focus();
    };
    chooseHero.addEventListener("click", function () { openPicker("Choose the story's picture", setHero, false); });
    uploadHero.addEventListener("click", function () { openPicker("Upload the story's picture", setHero, true); });
    // The old "upload in another tab" link becomes the in-place upload: no new tab, nothing typed is lost.
    const tabLink = hero.closest("fieldset") && hero.closest("fieldset").querySelector("a[target=_blank]");
    if (tabLink) tabLink.hidden = true;
  }
})();
