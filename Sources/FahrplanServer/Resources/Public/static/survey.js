// Save and continue on the same device: the Quick-Check form keeps its answers in this browser's local storage
// (under a name derived from the link, never the link's token) and restores them when the form is opened again.
// The form works fully without this script; nothing here is ever sent anywhere but with the form itself.
(function () {
  "use strict";
  var storage;
  try { storage = window.localStorage; storage.getItem("x"); } catch (e) { return; }

  // The thank-you page names the form whose saved answers may now be forgotten (a shared computer).
  var cleared = document.querySelector("[data-survey-clear]");
  if (cleared) { try { storage.removeItem(cleared.getAttribute("data-survey-clear")); } catch (e) { /* full or blocked */ } }

  var form = document.getElementById("survey-form");
  if (!form) { return; }
  var key = form.getAttribute("data-survey-storage");
  if (!key) { return; }
  var note = document.getElementById("survey-saved");
  var de = (document.documentElement.lang || "de") !== "en";
  var hadErrors = !!document.getElementById("error-summary");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) { return !!el.name; });
  }

  function collect() {
    var state = { answers: {} };
    fields().forEach(function (el) {
      if (el.type === "radio") { if (el.checked) { state.answers[el.name] = el.value; } }
      else if (el.type !== "submit" && el.type !== "button") { state.answers[el.name] = el.value; }
    });
    return state;
  }

  function save() {
    try { storage.setItem(key, JSON.stringify(collect())); } catch (e) { /* full or blocked: the form still works */ }
  }

  function restore() {
    var raw;
    try { raw = storage.getItem(key); } catch (e) { return; }
    if (!raw) { return; }
    var state;
    try { state = JSON.parse(raw); } catch (e) { return; }
    if (!state || typeof state.answers !== "object") { return; }
    var count = 0;
    fields().forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(state.answers, el.name)) { return; }
      var value = String(state.answers[el.name]);
      if (el.type === "radio") {
        if (el.value === value) { el.checked = true; count++; }
      } else if (el.tagName === "SELECT") {
        if (Array.prototype.some.call(el.options, function (o) { return o.value === value; })) { el.value = value; if (value) { count++; } }
      } else if (el.type === "hidden") {
        // The same saved form keeps its submission key: sent twice, it is counted once.
        if (el.name === "submissionKey" && /^[A-Za-z0-9_-]{8,100}$/.test(value)) { el.value = value; }
      } else if (el.tagName === "TEXTAREA") {
        el.value = value; if (value) { count++; }
      }
    });
    if (count > 0 && note) {
      note.textContent = de ? "Ihre bisherigen Antworten auf diesem Gerät wurden wiederhergestellt (" + count + ")." :
        "Your earlier answers on this device were restored (" + count + ").";
      note.hidden = false;
    }
  }

  // A page shown again with problems holds what was sent; the saved copy would be older.
  if (hadErrors) { save(); } else { restore(); }
  form.addEventListener("change", save);
  form.addEventListener("input", save);
  form.addEventListener("submit", save);
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
