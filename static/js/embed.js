// Inside the embedded card: tell the page that frames it how tall the card is, whenever that changes.
// The page's own script (embed-host.js, in the snippet) sets the <iframe>'s height from it.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height && height !== last) {
      last = height;
      // Only a height is sent, nothing private: any page may receive it.
      window.parent.postMessage({ type: "balkan-embed:height", height: height }, "*");
    }
  }
  window.addEventListener("load", send);
  if ("ResizeObserver" in window) {
    new ResizeObserver(send).observe(document.documentElement);
  } else {
    window.addEventListener("resize", send);
  }
  send();
})();
