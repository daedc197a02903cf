// Small progressive enhancements; every page works without them. No inline script anywhere (CSP).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("dieu-huong");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("is-open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) summary.focus();
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
  // Search page: ArrowDown from the search box goes to the first result, ArrowUp/ArrowDown move between results,
  // Escape (or ArrowUp from the first result) returns to the box. Delegated, so results swapped in by htmx work.
  function searchHits() {
    var list = document.querySelector("[data-search-results]");
    return list ? Array.prototype.slice.call(list.querySelectorAll(".search-hit-link")) : [];
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing) return;
    var input = document.querySelector("[data-search-input]");
    var target = event.target;
    if (!input || !(target instanceof HTMLElement)) return;
    var hits, index;
    if (target === input) {
      if (event.key !== "ArrowDown") return;
      hits = searchHits();
      if (!hits.length) return;
      event.preventDefault();
      hits[0].focus();
      return;
    }
    if (!target.classList.contains("search-hit-link")) return;
    hits = searchHits();
    index = hits.indexOf(target);
    if (index < 0) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (index < hits.length - 1) hits[index + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index > 0) hits[index - 1].focus(); else input.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      // After this keystroke: a search box that has focus while Escape is handled clears itself.
      window.setTimeout(function () { input.focus(); }, 0);
    }
  });
  // The search form sends every field; leave the empty ones out so the address pushed to history stays readable.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.closest || !elt.closest(".search-form")) return;
    var data = event.detail.formData, empty = [];
    data.forEach(function (value, key) { if (value === "") empty.push(key); });
    empty.forEach(function (key) { if (key !== "q") data.delete(key); });
  });
  // A session that ended while an HTMX request was on its way: follow the server to the login page.
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status === 401) window.location.reload();
  });
})();
