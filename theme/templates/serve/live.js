// Live preview (`rettleiar serve` only): listens to the server's event
// stream. `reload`: the pages changed, load this one again. `problem`: the
// last save could not be built, show why above the last good page. `ok`:
// the sources build again, take the notice away.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script.dataset.events + "?build=" + encodeURIComponent(script.dataset.build);
  var stream = new EventSource(url);
  var notice = null;

  function clear() {
    if (notice) {
      notice.remove();
      notice = null;
    }
  }

  stream.addEventListener("reload", function () {
    stream.close();
    window.location.reload();
  });

  stream.addEventListener("problem", function (event) {
    clear();
    var template = document.getElementById("rettleiar-live-notice");
    notice = template.content.firstElementChild.cloneNode(true);
    notice.querySelector(".live-notice__problems").textContent = event.data;
    document.body.insertBefore(notice, document.body.firstChild);
  });

  stream.addEventListener("ok", clear);
})();
