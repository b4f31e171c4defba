// etatcivil guichet: the page's few scripts, embedded in the program. The
// Content-Security-Policy allows no other script, and no inline one. Every
// page works without them; they only save typing: search as one types,
// check a field as it is left, keep what is typed in a draft.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="guichet-jeton"]');
  var jeton = meta ? meta.content : "";

  // Refused: the summary of the problems takes the focus, so that a screen
  // reader reads it and Tab leads to the first field to correct.
  var resume = document.getElementById("resume-erreurs");
  if (resume) {
    resume.focus();
  } else {
    var suite = document.querySelector("[data-focus]");
    if (suite) {
      suite.focus();
    }
  }

  // Search as one types: the results part of the page is asked again
  // (header X-Guichet-Partiel), the address follows the query.
  document.querySelectorAll("input[data-direct]").forEach(function (input) {
    var form = input.form;
    var cible = document.getElementById("resultats");
    var minuteur;
    var derniere = input.value.trim();
    if (!form || !cible) {
      return;
    }
    input.addEventListener("input", function () {
      clearTimeout(minuteur);
      minuteur = setTimeout(chercher, 150);
    });
    function chercher() {
      var q = input.value.trim();
      if (q === derniere) {
        return;
      }
      derniere = q;
      var adresse = form.getAttribute("action") + "?" + new URLSearchParams(new FormData(form)).toString();
      history.replaceState(null, "", adresse);
      if (q === "") {
        cible.textContent = "";
        return;
      }
      fetch(adresse, { headers: { "X-Guichet-Partiel": "1" }, credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (input.value.trim() === q) {
            cible.innerHTML = html;
          }
        });
    }
  });

  // A field checked as it is left: the page's rules answer in JSON, and
  // the problems are shown beside the field, in words.
  document.querySelectorAll("form[data-verifier]").forEach(function (form) {
    form.addEventListener("focusout", function (e) {
      var champ = e.target;
      if (!champ.name || !champ.id || champ.type === "hidden" || champ.type === "password" || champ.type === "submit" || champ.tagName === "BUTTON") {
        return;
      }
      var donnees = new FormData(form);
      donnees.set("champ_quitte", champ.name);
      fetch(form.dataset.verifier, { method: "POST", body: donnees, headers: { "X-Guichet-Jeton": jeton }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (rep) {
          montrer(champ, rep.problemes || []);
          var apercu = document.getElementById("apercu");
          if (apercu && typeof rep.apercu === "string") {
            apercu.innerHTML = rep.apercu;
          }
        })
        .catch(function () {});
    });
  });
  function montrer(champ, problemes) {
    var bloc = document.getElementById(champ.id + "-bloc");
    var zone = document.getElementById(champ.id + "-erreur");
    if (!bloc || !zone) {
      return;
    }
    zone.textContent = "";
    problemes.forEach(function (pb) {
      var ligne = document.createElement("span");
      var mot = document.createElement("strong");
      mot.textContent = "Erreur :";
      ligne.append(mot, " " + pb.regle + (pb.conseil ? " — " + pb.conseil : ""));
      (pb.suites || []).forEach(function (s) {
        var a = document.createElement("a");
        a.href = s.adresse;
        a.textContent = s.libelle;
        ligne.append(" → ", a);
      });
      zone.append(ligne, " ");
    });
    zone.hidden = problemes.length === 0;
    bloc.classList.toggle("champ-erreur", problemes.length > 0);
    if (problemes.length) {
      champ.setAttribute("aria-invalid", "true");
    } else {
      champ.removeAttribute("aria-invalid");
    }
  }

  // Drafts: what is typed is saved a moment after, and when the tab is
  // closed; passphrases never.
  document.querySelectorAll("form[data-brouillon]").forEach(function (form) {
    var etat = form.querySelector(".etat-brouillon");
    var minuteur;
    var change = false;
    function donnees() {
      var d = new FormData(form);
      d.set("page", form.dataset.brouillon);
      form.querySelectorAll('input[type="password"]').forEach(function (i) { d.delete(i.name); });
      return d;
    }
    function dire(texte) {
      if (etat) {
        etat.textContent = texte;
      }
    }
    function sauver() {
      change = false;
      fetch("/brouillons", { method: "POST", body: donnees(), headers: { "X-Guichet-Jeton": jeton }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
        .then(function (rep) {
          if (form.elements.brouillon) {
            form.elements.brouillon.value = rep.brouillon;
          }
          dire("Saisie gardée à " + rep.heure + " : elle reprendra où elle en est si l'onglet se ferme.");
        })
        .catch(function () { dire("Attention : la saisie n'a pas pu être gardée."); });
    }
    form.addEventListener("input", function () {
      change = true;
      clearTimeout(minuteur);
      minuteur = setTimeout(sauver, 700);
    });
    // Sent: the page's answer keeps or drops the draft itself.
    form.addEventListener("submit", function () {
      change = false;
      clearTimeout(minuteur);
    });
    window.addEventListener("pagehide", function () {
      if (change) {
        navigator.sendBeacon("/brouillons", donnees());
      }
    });
  });

  // A sheet opens in a new tab to print: the list says so at once.
  document.querySelectorAll("form[data-imprime]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var etat = document.getElementById(form.dataset.imprime);
      if (etat) {
        etat.textContent = "ouverte dans un nouvel onglet : imprimez-la (Ctrl+P), puis revenez ici";
      }
    });
  });
})();
