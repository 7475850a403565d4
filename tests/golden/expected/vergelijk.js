/* Vergelijk: pick two versions and open their redline. The site works
   without this script: the lists of links beside the form open the same
   redlines; the script only shows the form (hidden in the HTML) and turns
   the two choices into the redline's address (data-pad, older first). */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form.vergelijk-kies");
  Array.prototype.forEach.call(forms, function (form) {
    var order = form.getAttribute("data-versies").split(" ");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var a = form.elements.van.value, b = form.elements.tot.value;
      var say = form.querySelector(".vergelijk-melding");
      if (a === b) {
        say.textContent = "Kies twee verschillende versies.";
        return;
      }
      if (order.indexOf(a) > order.indexOf(b)) {
        var t = a;
        a = b;
        b = t;
      }
      window.location.href = form.getAttribute("data-pad").replace("{a}", a).replace("{b}", b);
    });
  });
})();
