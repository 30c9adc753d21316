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

// On a source page, an editor selects words in the article: they are copied into the "Add a claim"
// form with where they start, so a passage repeated in the article is added at the right place.
(function () {
  "use strict";

  function offsetIn(paragraph, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return parseInt(paragraph.getAttribute("data-start"), 10) + range.toString().length;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var quote = document.querySelector("[data-selection-quote]");
    var start = document.querySelector("[data-selection-start]");
    var article = document.querySelector(".article-text");
    if (!quote || !start || !article) return;
    article.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed) return;
      var text = selection.toString().trim();
      if (!text) return;
      var anchor = selection.getRangeAt(0);
      var container = anchor.startContainer.nodeType === Node.ELEMENT_NODE ? anchor.startContainer : anchor.startContainer.parentElement;
      var paragraph = container && container.closest("p[data-start]");
      quote.value = text;
      start.value = paragraph ? String(offsetIn(paragraph, anchor.startContainer, anchor.startOffset)) : "";
    });
  });
})();
