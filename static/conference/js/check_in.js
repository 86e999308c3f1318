// Check-in page: optional camera scanning with the browser's BarcodeDetector.
// Without it (or without JS) the code field works with the keyboard or a USB/phone scanner.
(function () {
  "use strict";
  var form = document.getElementById("check-in-code");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var button = form.querySelector(".camera-scan");
  var video = form.querySelector("video.camera");
  var input = form.querySelector("input[name=code]");
  var stream = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
  }

  function scan(detector) {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        input.value = codes[0].rawValue;
        stop();
        form.submit();
      } else {
        window.requestAnimationFrame(function () { scan(detector); });
      }
    }).catch(function () {
      window.requestAnimationFrame(function () { scan(detector); });
    });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    button.hidden = false;
    button.addEventListener("click", function () {
      if (stream) {
        stop();
        return;
      }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          return video.play();
        })
        .then(function () { scan(detector); })
        .catch(stop);
    });
  });
})();
