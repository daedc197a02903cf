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
  });
  // A session that ended while an HTMX request was on its way: follow the server to the login page.
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status === 401) window.location.reload();
  });
})();
