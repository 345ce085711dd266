// Tumen CRM contact form, progressive enhancement (plain JavaScript, no build step, no dependencies).
// Every <form class="tumen-contact"> on the page: labels in Mongolian or English (?lang=mn|en, else the browser's
// language), utm_* taken from the page address, and a JSON post with fetch: success replaces the form with a thank-you
// note (or goes to data-thanks-url), refusals show next to their fields. Without this script the form posts normally.
(function () {
  'use strict';
  var T = {
    mn: {
      title: 'Холбоо барих', intro: 'Бидэнд бичээрэй, бид тантай удахгүй холбогдоно.', name: 'Нэр',
      company: 'Байгууллага', email: 'И-мэйл', phone: 'Утас', subject: 'Гарчиг', message: 'Мессеж', send: 'Илгээх',
      sending: 'Илгээж байна…', either: 'И-мэйл эсвэл утасны аль нэгийг бичнэ үү.',
      thanks_title: 'Баярлалаа!', thanks: 'Таны мессежийг хүлээн авлаа. Бид тантай удахгүй холбогдоно.',
      'web_form.error.email': 'И-мэйл хаяг буруу байна.', 'web_form.error.phone': 'Утасны дугаар буруу байна.',
      'web_form.error.contact_needed': 'Бид хариу өгөхийн тулд и-мэйл хаяг эсвэл утасны дугаараа бичнэ үү.',
      'error.too_long': 'Хэт урт байна.', too_many: 'Таны хаягаас хэт олон мессеж ирлээ. {min} минутын дараа дахин оролдоно уу.',
      too_large: 'Мессеж хэт урт байна.', failed: 'Илгээж чадсангүй. Дахин оролдоно уу.'
    },
    en: {
      title: 'Contact us', intro: 'Write to us and we will get back to you soon.', name: 'Name', company: 'Company',
      email: 'E-mail', phone: 'Phone', subject: 'Subject', message: 'Message', send: 'Send', sending: 'Sending…',
      either: 'Give an e-mail address or a phone number.',
      thanks_title: 'Thank you!', thanks: 'We have received your message and will get back to you soon.',
      'web_form.error.email': 'This is not a valid e-mail address.',
      'web_form.error.phone': 'This is not a valid phone number.',
      'web_form.error.contact_needed': 'Give an e-mail address or a phone number so we can reply.',
      'error.too_long': 'This is too long.', too_many: 'Too many messages from your address. Try again in {min} minutes.',
      too_large: 'The message is too long.', failed: 'The message could not be sent. Please try again.'
    }
  };

  function pickLang() {
    var q = new URLSearchParams(location.search).get('lang');
    if (q === 'mn' || q === 'en') return q;
    var nav = (navigator.language || 'en').toLowerCase();
    return nav.indexOf('mn') === 0 ? 'mn' : 'en';
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function hidden(form, name, value) {
    var input = form.elements[name];
    if (!input) {
      input = el('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    if (value !== undefined) input.value = value;
  }

  function localise(root, t) {
    root.querySelectorAll('[data-t]').forEach(function (n) {
      var k = n.getAttribute('data-t');
      if (t[k]) n.textContent = t[k];
    });
    // Embedded snippets carry placeholders instead of labels.
    ['name', 'email', 'phone', 'company', 'subject', 'message'].forEach(function (k) {
      root.querySelectorAll('form.tumen-contact [name="' + k + '"][placeholder]').forEach(function (n) {
        n.placeholder = t[k];
      });
    });
  }

  function clearErrors(form) {
    form.querySelectorAll('.tc-error').forEach(function (n) { n.remove(); });
    form.querySelectorAll('.tc-invalid').forEach(function (n) { n.classList.remove('tc-invalid'); });
    var s = form.querySelector('.tc-status');
    if (s) s.textContent = '';
  }

  function status(form, text) {
    var s = form.querySelector('.tc-status');
    if (!s) {
      s = el('div', 'tc-status');
      s.setAttribute('role', 'status');
      form.insertBefore(s, form.querySelector('button[type=submit]'));
    }
    s.textContent = text;
  }

  function fieldError(form, name, text) {
    var input = form.elements[name];
    if (!input || input.type === 'hidden' || name === 'website') { status(form, text); return; }
    var holder = input.closest('.tc-field') || input;
    holder.classList.add('tc-invalid');
    input.setAttribute('aria-invalid', 'true');
    var msg = el('span', 'tc-error', text);
    msg.id = 'tc-error-' + name;
    input.setAttribute('aria-describedby', msg.id);
    input.insertAdjacentElement('afterend', msg);
  }

  function done(form, t) {
    var url = form.getAttribute('data-thanks-url');
    if (url) { location.href = url; return; }
    var box = el('div', 'tc-done');
    box.setAttribute('role', 'status');
    box.appendChild(el('h2', '', t.thanks_title));
    box.appendChild(el('p', 'tc-thanks', t.thanks));
    form.replaceWith(box);
  }

  function enhance(form, lang) {
    var t = T[lang];
    hidden(form, 'lang', lang);
    var q = new URLSearchParams(location.search);
    ['utm_source', 'utm_medium', 'utm_campaign'].forEach(function (k) { if (q.get(k)) hidden(form, k, q.get(k)); });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      clearErrors(form);
      var data = {};
      new FormData(form).forEach(function (v, k) { if (typeof v === 'string') data[k] = v; });
      if (!(data.email || '').trim() && !(data.phone || '').trim()) {
        fieldError(form, 'email', t['web_form.error.contact_needed']);
        form.elements.email && form.elements.email.focus();
        return;
      }
      var button = form.querySelector('button[type=submit]');
      var label = button ? button.textContent : '';
      if (button) { button.disabled = true; button.textContent = t.sending; }
      fetch(form.action, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(data), credentials: 'omit'
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          if (button) { button.disabled = false; button.textContent = label; }
          if (r.ok) return done(form, t);
          var err = (body && body.error) || {};
          if (r.status === 422 && err.details && err.details.length) {
            err.details.forEach(function (d) { fieldError(form, d.field, t[d.key] || d.message); });
            var first = form.querySelector('[aria-invalid=true]');
            if (first) first.focus();
          } else if (r.status === 429) {
            var s = parseInt(r.headers.get('Retry-After') || '3600', 10);
            status(form, t.too_many.replace('{min}', String(Math.max(1, Math.ceil(s / 60)))));
          } else if (r.status === 413) {
            status(form, t.too_large);
          } else {
            status(form, err.message || t.failed);
          }
        });
      }).catch(function () {
        // No answer we may read (network, or a site not allowed for scripts): post the plain form instead.
        if (button) { button.disabled = false; button.textContent = label; }
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  function start() {
    var lang = pickLang();
    document.documentElement.lang = lang;
    localise(document, T[lang]);
    if (document.querySelector('h1[data-t=title]')) document.title = T[lang].title;
    document.querySelectorAll('form.tumen-contact').forEach(function (f) { enhance(f, lang); });
    window.tumenContactReady = true;  // for the browser tests
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
