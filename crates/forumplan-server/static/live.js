// Keeps the dashboard current: on every `journal` event the page's report
// is fetched again and swapped in place (no reload). Without JavaScript
// the page still works; it is just not live.
(function () {
  "use strict";
  var script = document.currentScript;
  var events = script && script.dataset.events;
  if (!events || !window.EventSource) { return; }
  var pending = false;
  function refresh() {
    if (pending) { return; }
    pending = true;
    fetch(location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        pending = false;
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var main = fresh.querySelector("main");
        if (main) { document.querySelector("main").replaceWith(main); }
        document.title = fresh.title;
        document.documentElement.dataset.updated = String(Date.now());
      })
      .catch(function () { pending = false; });
  }
  new EventSource(events).addEventListener("journal", refresh);
})();
