// On an embassy's page, beside the <iframe> of a country's card (the snippet copied from the profile):
// sizes each such iframe to the height its card reports, so that it is never clipped nor padded.
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : "";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "balkan-embed:height") return;
    var height = Math.round(Number(data.height));
    if (!(height > 0 && height < 5000)) return;
    var frames = document.querySelectorAll("iframe[data-balkan-embed]");
    for (var index = 0; index < frames.length; index += 1) {
      if (frames[index].contentWindow === event.source) {
        frames[index].style.height = height + "px";
      }
    }
  });
})();
