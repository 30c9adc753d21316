// Progressive enhancement only: every page works without this file.
// On a source page, pointing at (or focusing) a claim in the list lights up its highlight in the
// text, and the other way round, so a reader can match the two without scrolling back and forth.
(function () {
  "use strict";

  function related(claimId) {
    return document.querySelectorAll('[data-claim="' + claimId + '"]');
  }

  function toggle(event, on) {
    var target = event.target instanceof Element ? event.target.closest("[data-claim]") : null;
    if (!target) return;
    var id = target.getAttribute("data-claim");
    if (!/^\d+$/.test(id || "")) return;
    related(id).forEach(function (el) {
      el.classList.toggle("is-related", on);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector(".article-text [data-claim]")) return;
    document.addEventListener("mouseover", function (e) { toggle(e, true); });
    document.addEventListener("mouseout", function (e) { toggle(e, false); });
    document.addEventListener("focusin", function (e) { toggle(e, true); });
    document.addEventListener("focusout", function (e) { toggle(e, false); });
  });
})();
